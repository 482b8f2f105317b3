import { describe, expect, it } from 'vitest'
import { diffBodies, diffBytes, diffHeaders, parseBody } from '../../../shared/diff'

const enc = (s: string) => new TextEncoder().encode(s)

describe('diffBodies', () => {
  it('both JSON → structural diff, whatever the formatting', () => {
    const d = diffBodies('{"a": 1, "b": [1,2]}', enc('{\n  "a": 2,\n  "b": [1, 2]\n}\n'))
    expect(d.kind).toBe('json')
    if (d.kind !== 'json') return
    expect(d.changes).toEqual([expect.objectContaining({ path: 'a', oldValue: 1, newValue: 2 })])
  })

  it('same JSON value with different bytes is identical structurally', () => {
    const d = diffBodies('{"a":1}', '{ "a" : 1 }')
    expect(d).toMatchObject({ kind: 'json', identical: true })
  })

  it('non-JSON bodies → line diff with unified hunks', () => {
    const d = diffBodies('token=a&team_id=T1\nline2\n', 'token=b&team_id=T1\nline2\n')
    expect(d).toMatchObject({
      kind: 'text',
      reason: 'not-json',
      linesAdded: 1,
      linesRemoved: 1,
      identical: false,
    })
    if (d.kind !== 'text') return
    expect(d.hunks[0].lines).toEqual(['-token=a&team_id=T1', '+token=b&team_id=T1', ' line2'])
  })

  it('invalid JSON → text diff that says which side failed to parse', () => {
    const d = diffBodies('{"a": 1}', '{"a": 1,}')
    expect(d).toMatchObject({ kind: 'text', reason: 'invalid-json', invalid: ['b'] })
    if (d.kind !== 'text') return
    expect(d.linesAdded).toBe(1)
  })

  it('JSON against plain text → text diff, reason mixed', () => {
    expect(diffBodies('{"a":1}', 'a=1')).toMatchObject({ kind: 'text', reason: 'mixed' })
  })

  it('identical text reports identical', () => {
    expect(diffBodies('same', enc('same'))).toMatchObject({
      kind: 'text',
      identical: true,
      hunks: [],
    })
  })

  it('binary bodies → byte-level summary', () => {
    const a = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3])
    const b = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 9, 2, 3, 4])
    expect(diffBodies(a, b)).toEqual({
      kind: 'binary',
      identical: false,
      sizeA: 8,
      sizeB: 9,
      firstDifferenceAt: 5,
      differingBytes: 2,
    })
    expect(diffBodies(a, a)).toMatchObject({
      kind: 'binary',
      identical: true,
      firstDifferenceAt: null,
    })
  })

  it('invalid UTF-8 is binary; base64 contract bodies are decoded', () => {
    const bad = new Uint8Array([0xff, 0xfe, 0x41])
    expect(parseBody(bad).form).toBe('binary')
    const d = diffBodies(
      { body: btoa('{"a":1}'), bodyEncoding: 'base64' },
      { body: '{"a":2}', bodyEncoding: 'utf8' },
    )
    expect(d).toMatchObject({ kind: 'json', counts: { changed: 1 } })
  })

  it('very different large texts give up line diffing and say so', () => {
    const a = Array.from({ length: 4000 }, (_, i) => `a${i}`).join('\n')
    const b = Array.from({ length: 4000 }, (_, i) => `b${i}`).join('\n')
    const d = diffBodies(a, b, { maxEditLength: 100 })
    expect(d).toMatchObject({ kind: 'text', tooLarge: true, linesAdded: 4000, linesRemoved: 4000 })
  })

  it('results survive a JSON round trip (they cross IPC and HTTP)', () => {
    const d = diffBodies('{"a":[{"id":1,"x":null}]}', '{"a":[{"id":1,"x":{"y":true}}]}')
    expect(JSON.parse(JSON.stringify(d))).toEqual(d)
  })
})

describe('diffBytes', () => {
  it('a prefix differs at the shorter length', () => {
    expect(diffBytes(enc('abc'), enc('abcd'))).toMatchObject({
      firstDifferenceAt: 3,
      differingBytes: 1,
    })
  })
})

describe('diffHeaders', () => {
  it('names compared case-insensitively; added, removed and changed reported', () => {
    const d = diffHeaders(
      [
        ['Content-Type', 'application/json'],
        ['X-AgentGateway-Timestamp', '100'],
        ['X-Old', 'o'],
      ],
      [
        ['content-type', 'application/json'],
        ['X-AgentGateway-Timestamp', '160'],
        ['X-Slack-Retry-Num', '1'],
      ],
    )
    expect(d.identical).toBe(false)
    expect(d.changes).toEqual([
      { name: 'X-AgentGateway-Timestamp', kind: 'changed', oldValue: '100', newValue: '160' },
      { name: 'X-Slack-Retry-Num', kind: 'added', newValue: '1' },
      { name: 'X-Old', kind: 'removed', oldValue: 'o' },
    ])
  })

  it('repeated headers compare as ordered lists; order-only differences are "reordered"', () => {
    expect(
      diffHeaders(
        [
          ['a', '1'],
          ['a', '2'],
        ],
        [['a', '1']],
      ).changes,
    ).toEqual([{ name: 'a', kind: 'changed', oldValue: '1, 2', newValue: '1' }])
    const r = diffHeaders(
      [
        ['a', '1'],
        ['b', '2'],
      ],
      [
        ['b', '2'],
        ['a', '1'],
      ],
    )
    expect(r).toEqual({ identical: false, changes: [], reordered: true })
    expect(diffHeaders([['a', '1']], [['a', '1']])).toEqual({
      identical: true,
      changes: [],
      reordered: false,
    })
  })
})
