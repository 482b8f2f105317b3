/**
 * The per-segment index sidecars on real files: written when a segment is sealed, used instead
 * of scanning it (by the writer and by readers), ignored when stale or corrupt, written once for
 * a sealed segment that had none, and deleted with their segment (retention and clear).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { appendFile, readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { EventStore, segmentFile } from '../../../electron/core/store/event-store'
import { eventLine } from '../../../electron/core/store/log-format'
import { SIDECAR_DIR, sidecarFile } from '../../../electron/core/store/segment-sidecar'
import { exists, fill, spoilLine as spoilLineIn, testEvent } from '../../helpers/store-events'
import { tempDir } from '../../helpers/temp-dir'
import type { Finding } from '../../../shared/event'

let dir: string
let cleanup: () => Promise<void>
beforeEach(async () => ({ dir, cleanup } = await tempDir()))
afterEach(() => cleanup())

const sidecars = async () => (await readdir(join(dir, SIDECAR_DIR)).catch(() => [])).sort()

const spoilLine = (seq: number, n: number) => spoilLineIn(dir, seq, n)

describe('segment index sidecars', () => {
  it('are written for sealed segments only, with updates, and read back the same events', async () => {
    const store = await EventStore.open({ dir, segmentLines: 4 })
    const written = await fill(store, 10)
    await store.update(written[1].id, {
      verification: { scheme: 'hmac', status: 'valid', reason: 'ok' },
    })
    await store.close()
    // Segments 1 and 2 are sealed; 3 is the active one (no sidecar).
    expect(await sidecars()).toEqual(['000000000001.idx', '000000000002.idx'])
    const reader = await EventStore.open({ dir, readOnly: true })
    expect(reader.list().map((e) => e.id)).toEqual(written.map((e) => e.id))
    expect(reader.get(written[1].id)!.verification.status).toBe('valid')
    expect(reader.get(written[1].id)!.headers).toEqual(written[1].headers)
    expect((await reader.readBody(written[6].id))!.toString()).toBe('gggggggggg')
    await reader.close()
  })

  it('is used instead of reading its segment (a spoilt middle line goes unnoticed)', async () => {
    const store = await EventStore.open({ dir, segmentLines: 4 })
    await fill(store, 6)
    await store.close()
    await spoilLine(1, 1)
    const withSidecar = await EventStore.open({ dir, readOnly: true })
    expect(withSidecar.count).toBe(6)
    expect(withSidecar.loadProblems).toEqual([])
    await withSidecar.close()
    // The same segment scanned (no sidecar) reports the spoilt line.
    await writeFile(sidecarFile(dir, 1), '')
    const scanned = await EventStore.open({ dir, readOnly: true })
    expect(scanned.count).toBe(5)
    expect(scanned.loadProblems).toHaveLength(1)
    await scanned.close()
  })

  it('is ignored when stale (segment changed) or corrupt, and the segment is scanned', async () => {
    const store = await EventStore.open({ dir, segmentLines: 4 })
    const written = await fill(store, 9)
    await store.close()
    // Stale: the sealed segment grew behind the store's back.
    const extra = testEvent()
    await appendFile(segmentFile(dir, 1), eventLine(extra, Buffer.from('late')))
    const r1 = await EventStore.open({ dir, readOnly: true })
    expect(r1.has(extra.id)).toBe(true)
    expect(r1.count).toBe(10)
    await r1.close()
    // Corrupt: garbage, a truncated file, numbers that point elsewhere.
    for (const text of [
      'not json\n{\n[\n',
      '{"v":1',
      (await readFile(sidecarFile(dir, 2), 'utf8')).replace(/"pos":\[\d+/, '"pos":[3'),
    ]) {
      await writeFile(sidecarFile(dir, 2), text)
      const r = await EventStore.open({ dir, readOnly: true })
      expect(r.list().map((e) => e.id)).toEqual(
        [...written.slice(0, 4), extra, ...written.slice(4)].map((e) => e.id),
      )
      expect(r.loadProblems).toEqual([])
      await r.close()
    }
  })

  it('is written once by the writer for a sealed segment that has none', async () => {
    const store = await EventStore.open({ dir, segmentLines: 4 })
    const written = await fill(store, 9)
    const stalled: Finding[] = [{ code: 'stalled', severity: 'warning', message: 'stalled' }]
    await store.update(written[2].id, { findings: stalled })
    await store.close()
    await writeFile(sidecarFile(dir, 2), 'x') // corrupt: rewritten at the next open
    const again = await EventStore.open({ dir, segmentLines: 4 })
    const metas = Array.from(again.startupMetas())
    expect(metas.map((m) => m.id)).toEqual(written.map((e) => e.id))
    expect(metas[2].findings).toEqual(stalled) // the update, applied over the sidecar's hint
    expect(metas[5]).toMatchObject({
      sha256: written[5].sha256,
      receivedAt: written[5].receivedAt,
      idempotency: written[5].idempotency,
      classification: written[5].classification,
    })
    await again.close()
    expect((await readFile(sidecarFile(dir, 2), 'utf8')).startsWith('{"v":1,')).toBe(true)
  })

  it('goes with its segment: retention drops both, clear leaves none behind', async () => {
    const store = await EventStore.open({ dir, maxEvents: 6, segmentLines: 3 })
    await fill(store, 9) // 6 kept: events 4-9 in segments 2 and 3 (active); segment 1 dropped
    await store.close()
    expect(await exists(segmentFile(dir, 1))).toBe(false)
    expect(await sidecars()).toEqual(['000000000002.idx'])

    const again = await EventStore.open({ dir, maxEvents: 6, segmentLines: 3 })
    await again.clear()
    await fill(again, 1)
    await again.close()
    expect(await sidecars()).toEqual([])
    const reader = await EventStore.open({ dir, readOnly: true })
    expect(reader.count).toBe(1)
    await reader.close()
  })

  it('a sidecar of the segment the writer continues is removed (it will grow)', async () => {
    const store = await EventStore.open({ dir, segmentLines: 4 })
    await fill(store, 6)
    await store.close()
    // As if left by a crash: a sidecar for the active segment 2.
    await writeFile(sidecarFile(dir, 2), await readFile(sidecarFile(dir, 1)))
    const again = await EventStore.open({ dir, segmentLines: 4 })
    expect(await exists(sidecarFile(dir, 2))).toBe(false)
    const more = await fill(again, 1)
    await again.close()
    const reader = await EventStore.open({ dir, readOnly: true })
    expect(reader.has(more[0].id)).toBe(true)
    expect(reader.count).toBe(7)
    await reader.close()
  })
})
