import { describe, expect, it } from 'vitest'
import { diffJson } from '../../../shared/diff'

describe('diffJson', () => {
  it('identical values give no changes', () => {
    const d = diffJson({ a: [1, { id: 'x', b: 2 }] }, { a: [1, { id: 'x', b: 2 }] })
    expect(d).toMatchObject({ kind: 'json', identical: true, changes: [], truncated: false })
  })

  it('nested change: path with old and new values', () => {
    const d = diffJson(
      { statusUpdate: { taskId: 't', status: { state: 'TASK_STATE_WORKING' } } },
      { statusUpdate: { taskId: 't', status: { state: 'TASK_STATE_COMPLETED' } } },
    )
    expect(d.changes).toEqual([
      {
        kind: 'changed',
        path: 'statusUpdate.status.state',
        pathParts: ['statusUpdate', 'status', 'state'],
        oldValue: 'TASK_STATE_WORKING',
        newValue: 'TASK_STATE_COMPLETED',
      },
    ])
    expect(d.counts).toEqual({ added: 0, removed: 0, changed: 1, moved: 0 })
  })

  it('added and removed keys', () => {
    const d = diffJson({ a: 1, gone: { x: 1 } }, { a: 1, fresh: [1] })
    expect(d.changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'added', path: 'fresh', newValue: [1] }),
        expect.objectContaining({ kind: 'removed', path: 'gone', oldValue: { x: 1 } }),
      ]),
    )
    expect(d.counts).toMatchObject({ added: 1, removed: 1 })
  })

  it('array of objects reordered: matched by id, reported as moves plus the real field change', () => {
    const a = {
      artifacts: [
        { artifactId: 'a1', n: 1 },
        { artifactId: 'a2', n: 2 },
        { artifactId: 'a3', n: 3 },
      ],
    }
    const b = {
      artifacts: [
        { artifactId: 'a3', n: 3 },
        { artifactId: 'a1', n: 1 },
        { artifactId: 'a2', n: 20 },
      ],
    }
    const d = diffJson(a, b)
    const changed = d.changes.filter((c) => c.kind === 'changed')
    expect(changed).toEqual([
      expect.objectContaining({
        path: 'artifacts[2].n',
        match: 'artifactId=a2',
        oldValue: 2,
        newValue: 20,
      }),
    ])
    expect(d.changes.filter((c) => c.kind === 'added' || c.kind === 'removed')).toEqual([])
    expect(d.counts.moved).toBeGreaterThan(0)
    for (const m of d.changes.filter((c) => c.kind === 'moved')) {
      expect(m.from).not.toBe(m.to)
      expect(m.match).toMatch(/^artifactId=/)
    }
  })

  it('pure reorder of id-keyed elements has no changed values', () => {
    const d = diffJson(
      [
        { id: 1, v: 'a' },
        { id: 2, v: 'b' },
      ],
      [
        { id: 2, v: 'b' },
        { id: 1, v: 'a' },
      ],
    )
    expect(d.identical).toBe(false)
    expect(d.changes.every((c) => c.kind === 'moved')).toBe(true)
  })

  it('an element inserted before id-keyed elements is one addition, not a cascade', () => {
    const d = diffJson(
      {
        history: [
          { messageId: 'm1', t: 'a' },
          { messageId: 'm2', t: 'b' },
        ],
      },
      {
        history: [
          { messageId: 'm0', t: 'z' },
          { messageId: 'm1', t: 'a' },
          { messageId: 'm2', t: 'b' },
        ],
      },
    )
    expect(d.changes).toEqual([
      expect.objectContaining({ kind: 'added', path: 'history[0]', match: 'messageId=m0' }),
    ])
  })

  it('objects without an id are compared by position', () => {
    const d = diffJson(
      { parts: [{ text: 'a' }, { text: 'b' }] },
      { parts: [{ text: 'a' }, { text: 'c' }] },
    )
    expect(d.changes).toEqual([
      expect.objectContaining({
        kind: 'changed',
        path: 'parts[1].text',
        oldValue: 'b',
        newValue: 'c',
      }),
    ])
  })

  it('type change: old and new types named', () => {
    const d = diffJson({ amount: 2000, meta: { a: 1 } }, { amount: '2000', meta: [1] })
    expect(d.changes).toEqual([
      expect.objectContaining({
        kind: 'type-changed',
        path: 'amount',
        oldType: 'number',
        newType: 'string',
      }),
      expect.objectContaining({
        kind: 'type-changed',
        path: 'meta',
        oldType: 'object',
        newType: 'array',
      }),
    ])
    const nullish = diffJson({ x: null }, { x: 0 })
    expect(nullish.changes[0]).toMatchObject({
      kind: 'type-changed',
      oldType: 'null',
      newType: 'number',
    })
  })

  it('quotes keys that are not identifiers', () => {
    const d = diffJson({ 'a.b': { 'x y': 1 } }, { 'a.b': { 'x y': 2 } })
    expect(d.changes[0].path).toBe('["a.b"]["x y"]')
  })

  it('caps the listed changes but counts them all', () => {
    const a = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, i]))
    const b = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, i + 1]))
    const d = diffJson(a, b, { maxChanges: 10 })
    expect(d.changes).toHaveLength(10)
    expect(d.counts.changed).toBe(50)
    expect(d.truncated).toBe(true)
  })

  it('huge reordered arrays fall back to positions instead of an O(n·m) LCS', () => {
    const a = Array.from({ length: 3000 }, (_, i) => ({ id: i, v: i }))
    const b = [...a].reverse()
    const d = diffJson(a, b, { maxChanges: 5 })
    expect(d.approximate).toBe(true)
    expect(d.identical).toBe(false)
    expect(d.counts.changed).toBeGreaterThan(0)
  })
})

describe('diffJson inputs', () => {
  it('never modifies its inputs and ignores key order', () => {
    const a = { x: { k1: 1, k2: [{ id: 'a', v: 1 }] }, y: 1 }
    const b = { y: 2, x: { k2: [{ id: 'a', v: 1 }], k1: 1 } }
    const snapA = JSON.stringify(a)
    const snapB = JSON.stringify(b)
    const d = diffJson(a, b)
    expect(d.changes).toEqual([expect.objectContaining({ path: 'y', oldValue: 1, newValue: 2 })])
    expect(JSON.stringify(a)).toBe(snapA)
    expect(JSON.stringify(b)).toBe(snapB)
  })

  it('a parsed "__proto__" key is diffed as data, not as a prototype', () => {
    const a = JSON.parse('{"__proto__": {"polluted": 1}, "v": 1}')
    const b = JSON.parse('{"__proto__": {"polluted": 2}, "v": 1}')
    const d = diffJson(a, b)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(d.identical).toBe(false)
  })
})

describe('diffJson primitive arrays', () => {
  it('a replaced primitive element is one change at its index, not a remove plus an add', () => {
    const d = diffJson({ tags: ['a', 'b', 'c'] }, { tags: ['a', 'x', 'c'] })
    expect(d.changes).toEqual([
      expect.objectContaining({ kind: 'changed', path: 'tags[1]', oldValue: 'b', newValue: 'x' }),
    ])
    const t = diffJson([1, 2], [1, '2'])
    expect(t.changes).toEqual([
      expect.objectContaining({
        kind: 'type-changed',
        path: '[1]',
        oldType: 'number',
        newType: 'string',
      }),
    ])
  })

  it('an appended primitive is an addition', () => {
    const d = diffJson({ tags: ['a'] }, { tags: ['a', 'b'] })
    expect(d.changes).toEqual([
      expect.objectContaining({ kind: 'added', path: 'tags[1]', newValue: 'b' }),
    ])
  })
})
