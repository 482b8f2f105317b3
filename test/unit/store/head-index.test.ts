/**
 * The newest segment's index (segment-head.idx) on real files: written when the writer closes
 * cleanly, read by the next open instead of scanning that segment, removed before the writer
 * appends again, ignored when it does not describe the segment — and a restart from it gives the
 * duplicate index the same verdicts as a full scan.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { appendFile, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { EventStore, segmentFile } from '../../../electron/core/store/event-store'
import { eventLine } from '../../../electron/core/store/log-format'
import { HEAD_SIDECAR } from '../../../electron/core/store/segment-sidecar'
import { IdempotencyIndex } from '../../../electron/core/inspect'
import { exists, fill, spoilLine as spoilLineIn, testEvent } from '../../helpers/store-events'
import { tempDir } from '../../helpers/temp-dir'
import type { Finding } from '../../../shared/event'

let dir: string
let cleanup: () => Promise<void>
beforeEach(async () => ({ dir, cleanup } = await tempDir()))
afterEach(() => cleanup())

const head = () => join(dir, HEAD_SIDECAR)

const spoilLine = (seq: number, n: number) => spoilLineIn(dir, seq, n)

describe("the newest segment's index", () => {
  it('is written at a clean close, read instead of the segment, and removed by the writer', async () => {
    const store = await EventStore.open({ dir, segmentLines: 4 })
    const written = await fill(store, 7) // segment 1: 4 events; segment 2 (newest): 3
    const stalled: Finding[] = [{ code: 'stalled', severity: 'warning', message: 'stalled' }]
    await store.update(written[4].id, { findings: stalled })
    await store.close()
    expect(await exists(head())).toBe(true)
    // A spoilt line in the newest segment goes unnoticed: the index is used, not the segment.
    await spoilLine(2, 1)
    const reader = await EventStore.open({ dir, readOnly: true })
    expect(reader.loadProblems).toEqual([])
    expect(reader.ids()).toEqual(written.map((e) => e.id))
    await reader.close()
    const again = await EventStore.open({ dir, segmentLines: 4 })
    // The writer continues the segment: the index would go stale, so it is gone before any append.
    expect(await exists(head())).toBe(false)
    const metas = Array.from(again.startupMetas())
    expect(metas.map((m) => m.id)).toEqual(written.map((e) => e.id))
    expect(metas[4].findings).toEqual(stalled)
    expect(metas[6]).toMatchObject({
      sha256: written[6].sha256,
      receivedAt: written[6].receivedAt,
      idempotency: written[6].idempotency,
      classification: written[6].classification,
    })
    const more = await fill(again, 3) // seals segment 2 (its sidecar from the index's records)
    await again.close()
    const last = await EventStore.open({ dir, readOnly: true })
    expect(last.ids()).toEqual([...written, ...more].map((e) => e.id))
    expect(last.get(written[4].id)!.findings).toEqual(stalled)
    await last.close()
  })

  it('is ignored when the segment changed behind it or it is of another segment', async () => {
    const store = await EventStore.open({ dir, segmentLines: 4 })
    const written = await fill(store, 6)
    await store.close()
    const extra = testEvent()
    await appendFile(segmentFile(dir, 2), eventLine(extra, Buffer.from('late')))
    const r1 = await EventStore.open({ dir, readOnly: true })
    expect(r1.ids()).toEqual([...written, extra].map((e) => e.id))
    await r1.close()
    // An index of segment 1 presented as the head's: not segment 2's, so segment 2 is scanned.
    const text = await readFile(head(), 'utf8')
    await writeFile(head(), text.replace('"seq":2', '"seq":1'))
    const r2 = await EventStore.open({ dir, readOnly: true })
    expect(r2.ids()).toEqual([...written, extra].map((e) => e.id))
    await r2.close()
    await writeFile(head(), 'garbage\n')
    const r3 = await EventStore.open({ dir, readOnly: true })
    expect(r3.count).toBe(7)
    await r3.close()
  })

  it('a restart from the indexes gives the same duplicate verdicts as a full scan', async () => {
    const live = new IdempotencyIndex()
    const store = await EventStore.open({ dir, segmentLines: 3 })
    const arrivals: [string, string][] = [
      ['k1', 'a'],
      ['k2', 'b'],
      ['k1', 'a'],
      ['k1', 'c'],
      ['k3', 'd'],
      ['k2', 'b'],
      ['k3', 'e'],
    ]
    for (const [key, sha256] of arrivals) {
      const e = testEvent({ sha256 })
      const verdict = live.observe({ id: e.id, key, sha256 })
      await store.append(
        { ...e, idempotency: { key, source: 'header:x', ...verdict } },
        Buffer.from(sha256),
      )
    }
    await store.close()
    const rebuild = async (): Promise<IdempotencyIndex> => {
      const idx = new IdempotencyIndex()
      const s = await EventStore.open({ dir, segmentLines: 3 })
      for (const m of s.startupMetas()) {
        const { key, status, firstId, count } = m.idempotency
        idx.observe({ id: m.id, key, sha256: m.sha256 }, { status, firstId, count })
      }
      await s.close()
      return idx
    }
    const fromIndexes = await rebuild()
    // The same data dir with every index gone: every segment is scanned.
    await cleanupIndexes()
    const fromScan = await rebuild()
    for (const [key, sha256] of [
      ['k1', 'a'],
      ['k1', 'z'],
      ['k2', 'b'],
      ['k3', 'd'],
      ['k4', 'q'],
    ]) {
      const id = testEvent().id
      const a = fromIndexes.observe({ id, key, sha256 })
      const b = fromScan.observe({ id, key, sha256 })
      const c = live.observe({ id, key, sha256 })
      expect(a).toEqual(c)
      expect(b).toEqual(c)
    }
  })
})

async function cleanupIndexes(): Promise<void> {
  await rm(join(dir, 'segment-index'), { recursive: true, force: true })
  await rm(head(), { force: true })
}
