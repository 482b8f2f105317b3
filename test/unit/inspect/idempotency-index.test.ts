import { describe, expect, it } from 'vitest'
import { IdempotencyIndex, type IdempotencyVerdict } from '../../../electron/core/inspect'

const verdict = (
  status: IdempotencyVerdict['status'],
  firstId: string,
  count: number,
): IdempotencyVerdict => ({ status, firstId, count })

describe('IdempotencyIndex', () => {
  it('first, duplicate (same bytes) and conflict (different bytes) with firstId and count', () => {
    const idx = new IdempotencyIndex()
    expect(idx.observe({ id: 'e1', key: 'k', sha256: 'aaa' })).toEqual(verdict('first', 'e1', 1))
    expect(idx.observe({ id: 'e2', key: 'k', sha256: 'aaa' })).toEqual(
      verdict('duplicate', 'e1', 2),
    )
    expect(idx.observe({ id: 'e3', key: 'k', sha256: 'bbb' })).toEqual(verdict('conflict', 'e1', 3))
    expect(idx.observe({ id: 'e4', key: 'other', sha256: 'aaa' })).toEqual(
      verdict('first', 'e4', 1),
    )
    expect(idx.related('k')).toEqual(['e1', 'e2', 'e3'])
    expect(idx.related('nope')).toEqual([])
    expect(idx.count('k')).toBe(3)
  })

  it('compares against the first body: a repeat of a conflicting body is still a conflict', () => {
    const idx = new IdempotencyIndex()
    idx.observe({ id: 'e1', key: 'k', sha256: 'aaa' })
    idx.observe({ id: 'e2', key: 'k', sha256: 'bbb' })
    expect(idx.observe({ id: 'e3', key: 'k', sha256: 'bbb' }).status).toBe('conflict')
  })

  it('observing the same id again returns its earlier verdict and does not count twice', () => {
    const idx = new IdempotencyIndex()
    idx.observe({ id: 'e1', key: 'k', sha256: 'aaa' })
    const v = idx.observe({ id: 'e2', key: 'k', sha256: 'aaa' })
    expect(idx.observe({ id: 'e2', key: 'k', sha256: 'aaa' })).toEqual(v)
    expect(idx.count('k')).toBe(2)
  })

  it('gives the same verdicts after a restart (rebuilt from the stored events in order)', () => {
    const stored: { id: string; key: string; sha256: string }[] = []
    const live = new IdempotencyIndex()
    const liveVerdicts = []
    const arrivals: [string, string][] = [
      ['k1', 'a'],
      ['k2', 'b'],
      ['k1', 'a'],
      ['k1', 'c'],
      ['k2', 'b'],
    ]
    for (const [i, [key, sha256]] of arrivals.entries()) {
      const e = { id: `e${i}`, key, sha256 }
      stored.push(e)
      liveVerdicts.push(live.observe(e))
    }
    // "Restart": a fresh index fed the stored log, then new events keep counting from there.
    const rebuilt = new IdempotencyIndex()
    expect(stored.map((e) => rebuilt.observe(e))).toEqual(liveVerdicts)
    expect(rebuilt.observe({ id: 'e9', key: 'k1', sha256: 'a' })).toEqual(
      verdict('duplicate', 'e0', 4),
    )
    expect(rebuilt.related('k2')).toEqual(['e1', 'e4'])
  })

  it('clear() forgets everything', () => {
    const idx = new IdempotencyIndex()
    idx.observe({ id: 'e1', key: 'k', sha256: 'a' })
    idx.clear()
    expect(idx.size).toBe(0)
    expect(idx.observe({ id: 'e2', key: 'k', sha256: 'a' }).status).toBe('first')
  })
})

describe('IdempotencyIndex across retention', () => {
  it('forgets dropped events but keeps a key while a later event has it', () => {
    const index = new IdempotencyIndex()
    index.observe({ id: 'a', key: 'k', sha256: 's' })
    index.observe({ id: 'b', key: 'k', sha256: 's' })
    index.observe({ id: 'u', key: 'lone', sha256: 'z' })
    index.forget(['a', 'u'])
    expect(index.related('k')).toEqual(['b'])
    expect(index.related('lone')).toEqual([])
    expect(index.observe({ id: 'c', key: 'k', sha256: 's' })).toEqual(verdict('duplicate', 'a', 3))
    expect(index.size).toBe(2)
  })

  it('a restored verdict keeps pointing at a first event no longer stored', () => {
    const index = new IdempotencyIndex()
    index.observe(
      { id: 'b', key: 'k', sha256: 's' },
      { status: 'duplicate', firstId: 'a', count: 2 },
    )
    expect(index.observe({ id: 'c', key: 'k', sha256: 's' })).toEqual(verdict('duplicate', 'a', 3))
    expect(index.observe({ id: 'd', key: 'k', sha256: 'other' }).status).toBe('conflict')
  })
})

describe('IdempotencyIndex with one busy key', () => {
  it('forgets from the front of a long key (retention) and keeps order, count and verdicts', () => {
    const index = new IdempotencyIndex()
    for (let i = 0; i < 200; i++) index.observe({ id: `e${i}`, key: 'k', sha256: 's' })
    index.forget(Array.from({ length: 150 }, (_, i) => `e${i}`))
    index.forget(['e160'])
    expect(index.related('k')).toEqual(
      Array.from({ length: 50 }, (_, i) => `e${i + 150}`).filter((id) => id !== 'e160'),
    )
    expect(index.count('k')).toBe(200)
    expect(index.size).toBe(49)
    expect(index.observe({ id: 'e170', key: 'k', sha256: 's' })).toEqual(
      verdict('duplicate', 'e0', 171),
    )
    expect(index.observe({ id: 'e200', key: 'k', sha256: 'other' })).toEqual(
      verdict('conflict', 'e0', 201),
    )
    index.forget(Array.from({ length: 201 }, (_, i) => `e${i}`))
    expect(index.related('k')).toEqual([])
    expect(index.size).toBe(0)
  })
})

describe('IdempotencyIndex.restore (start-up replay)', () => {
  it('leaves the index as observing the stored events with their verdicts does', () => {
    const stored: [string, string, string, IdempotencyVerdict][] = [
      ['b', 'k', 's', { status: 'duplicate', firstId: 'a', count: 2 }],
      ['c', 'k', 't', { status: 'conflict', firstId: 'a', count: 3 }],
      ['d', 'j', 'u', { status: 'first', firstId: 'd', count: 1 }],
      ['e', 'c2', 'v', { status: 'conflict', firstId: 'x', count: 4 }],
      ['f', 'j', 'u', { status: 'duplicate', firstId: 'd', count: 2 }],
    ]
    const observed = new IdempotencyIndex()
    const restored = new IdempotencyIndex()
    for (const [id, key, sha256, verdict] of stored) {
      observed.observe({ id, key, sha256 }, verdict)
      restored.restore({ id, key, sha256 }, verdict)
    }
    for (const id of ['b', 'c', 'd', 'e', 'f']) {
      const [, key, sha256] = stored.find((s) => s[0] === id)!
      expect(restored.observe({ id, key, sha256 })).toEqual(observed.observe({ id, key, sha256 }))
    }
    for (const [id, key, sha256] of [
      ['g', 'k', 's'],
      ['h', 'k', 'zz'],
      ['i', 'j', 'u'],
      ['l', 'c2', 'v'],
      ['m', 'new', 'w'],
    ]) {
      expect(restored.observe({ id, key, sha256 })).toEqual(observed.observe({ id, key, sha256 }))
    }
    expect(restored.related('k')).toEqual(observed.related('k'))
    expect(restored.count('c2')).toBe(observed.count('c2'))
    expect(restored.size).toBe(observed.size)
  })
})
