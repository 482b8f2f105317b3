/**
 * The columnar event index against a plain model (a list of entry objects): through thousands of
 * random appends (some reusing an id), evictions by count and bytes, updates, start-up hints and
 * clears — enough to grow its columns and to compact them many times — it keeps the same events
 * in the same order with the same places, patches and hints, and the same bytes.
 */
import { describe, expect, it } from 'vitest'
import { EventIndex, type IndexEntry } from '../../../electron/core/store/event-index'
import type { ReplayHint } from '../../../electron/core/store/segment-sidecar'
import type { EventMeta } from '../../../electron/core/store/log-format'

const int = (n: number) => Math.floor(Math.random() * n)

function randomEntry(n: number, seq: number): IndexEntry {
  const id = int(10) === 0 && n > 0 ? `id-${int(n)}` : `id-${n}`
  const length = 10 + int(5000)
  return {
    id,
    meta: int(3) === 0 ? ({ id, path: `/p${n}` } as unknown as EventMeta) : null,
    metaLength: int(length),
    patch: int(8) === 0 ? { warnings: [`w${n}`] } : null,
    seq,
    offset: n * 3_000_000_000, // past 2^31: offsets of an adopted big legacy log
    length,
    headers: int(6) === 0 ? [['h', `${n}`]] : { at: int(length), length: int(99) },
    hint: int(4) === 0 ? ({ id, receivedAt: `${n}` } as ReplayHint) : null,
  }
}

describe('EventIndex', () => {
  it('keeps what a plain list of entries keeps, through growth and compaction', () => {
    const index = new EventIndex()
    let model: IndexEntry[] = []
    let seq = 1
    const check = () => {
      expect(index.size).toBe(model.length)
      expect(index.bytes).toBe(model.reduce((s, e) => s + e.length + 1, 0))
      expect([...index.values()]).toEqual(model)
      expect([...index.newestFirst()]).toEqual([...model].reverse())
    }
    for (let n = 0; n < 30_000; n++) {
      if (n % 97 === 0) seq++
      const e = randomEntry(n, seq)
      model = model.filter((m) => m.id !== e.id)
      index.add(e)
      model.push({ ...e, hint: e.hint ?? null, patch: e.patch ? { ...e.patch } : null })
      if (int(4) === 0) {
        const maxEvents = 200 + int(3000)
        const maxBytes = int(2) ? Infinity : 1_000_000 + int(5_000_000)
        const evicted: string[] = []
        let bytes = model.reduce((s, m) => s + m.length + 1, 0)
        while (model.length > maxEvents || bytes > maxBytes) {
          const gone = model.shift()!
          bytes -= gone.length + 1
          evicted.push(gone.id)
        }
        expect(index.evictOver(maxEvents, maxBytes)).toEqual(evicted)
      }
      if (int(20) === 0 && model.length > 0) {
        const target = model[int(model.length)]
        const patch = { warnings: [`u${n}`] }
        if (target.meta) Object.assign(target.meta, patch)
        else target.patch = { ...target.patch, ...patch }
        expect(index.patch(target.id, patch)).toEqual(target)
      }
      if (int(50) === 0 && model.length > 0) {
        const target = model[int(model.length)]
        index.dropHint(target)
        target.hint = null
      }
      if (n % 1000 === 0) check()
      if (n === 20_000) {
        index.clear()
        model = []
      }
    }
    check()
    for (const e of model) expect(index.get(e.id)).toEqual(e)
    expect(index.get('id-none')).toBeUndefined()
    index.dropHints()
    expect([...index.values()].every((e) => e.hint === null)).toBe(true)
  })

  it('drops a segment once none of its events is kept and it is older than the head', () => {
    const index = new EventIndex()
    for (const seq of [1, 2, 3]) {
      index.touchSegment(seq)
      for (let i = 0; i < 3; i++)
        index.add({ ...randomEntry(seq * 10 + i, seq), id: `${seq}-${i}` })
    }
    expect(index.takeDroppable(3)).toEqual([])
    index.evictOver(5, Infinity)
    expect(index.takeDroppable(3)).toEqual([1])
    expect(index.segments()).toEqual([2, 3])
    expect(index.clear()).toEqual([2, 3])
    expect(index.size).toBe(0)
  })

  it('keeps the length of a line over 2 GiB (a body that big is accepted with --max-body 3gb)', () => {
    const index = new EventIndex()
    const big = 2 ** 31 + 100
    index.add({ ...randomEntry(0, 1), id: 'big', length: big })
    index.add({ ...randomEntry(1, 1), id: 'small', length: 10 })
    expect(index.get('big')?.length).toBe(big)
    expect(index.bytes).toBe(big + 1 + 11)
    index.evictOver(1, Infinity)
    expect(index.bytes).toBe(11)
    expect(index.get('small')?.length).toBe(10)
  })
})
