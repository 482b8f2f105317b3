/**
 * The event log on real files in a temp dir: torn and corrupt records, retention, updates
 * surviving a reopen, clear, and the single-writer lock (segments: segments.test.ts).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { appendFile, readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { EventSummary } from '../../../shared/event'
import { EventStore, SEGMENT_DIR, segmentFile } from '../../../electron/core/store/event-store'
import { DataDirLockedError } from '../../../electron/core/store/lock-file'
import { fill, testEvent as event } from '../../helpers/store-events'
import { tempDir } from '../../helpers/temp-dir'

let dir: string
let cleanup: () => Promise<void>
const LOG_FILE = () => segmentFile(dir, 1)
beforeEach(async () => ({ dir, cleanup } = await tempDir()))
afterEach(() => cleanup())

describe('EventStore', () => {
  it('rebuilds its index on reopen, bodies read from disk', async () => {
    const store = await EventStore.open({ dir })
    const written = await fill(store, 5)
    await store.close()
    const again = await EventStore.open({ dir })
    expect(again.list().map((e) => e.id)).toEqual(written.map((e) => e.id))
    expect((await again.readBody(written[2].id))!.toString()).toBe('cccccccccc')
    await again.close()
  })

  it('skips and reports a torn last record, then appends cleanly after it', async () => {
    const store = await EventStore.open({ dir })
    const written = await fill(store, 3)
    await store.close()
    await appendFile(LOG_FILE(), '{"id":"01TORN","receivedAt":"2026-01-01T00:00:00.000Z","meth')
    const reopened = await EventStore.open({ dir })
    expect(reopened.count).toBe(3)
    expect(reopened.loadProblems).toHaveLength(1)
    expect(reopened.loadProblems[0]).toMatch(/torn last record/)
    const next = await reopened.append(event(), Buffer.from('after the tear'))
    await reopened.close()
    const third = await EventStore.open({ dir })
    expect(third.loadProblems).toEqual([])
    expect(third.list().map((e) => e.id)).toEqual([...written.map((e) => e.id), next.id])
    expect((await third.readBody(next.id))!.toString()).toBe('after the tear')
    await third.close()
  })

  it('skips a corrupt line in the middle and keeps the rest', async () => {
    const store = await EventStore.open({ dir })
    await fill(store, 2)
    await store.close()
    await appendFile(LOG_FILE(), 'not json at all\n')
    const store2 = await EventStore.open({ dir })
    await fill(store2, 1)
    await store2.close()
    const store3 = await EventStore.open({ dir, readOnly: true })
    expect(store3.count).toBe(3)
    expect(store3.loadProblems[0]).toMatch(/unreadable record/)
    await store3.close()
  })

  it('persists updates of derived fields', async () => {
    const store = await EventStore.open({ dir })
    const [a] = await fill(store, 1)
    await store.update(a.id, {
      verification: { scheme: 'github', status: 'valid', reason: 'signature matches' },
    })
    await store.close()
    const again = await EventStore.open({ dir, readOnly: true })
    expect(again.get(a.id)!.verification.status).toBe('valid')
    expect((await again.getFull(a.id))!.verification.scheme).toBe('github')
    await again.close()
  })

  it('keeps only the newest events by count, across a reopen', async () => {
    const store = await EventStore.open({ dir, maxEvents: 50 })
    const written = await fill(store, 400, 8 * 1024)
    await store.close()
    const again = await EventStore.open({ dir, maxEvents: 50 })
    expect(again.count).toBe(50)
    expect(again.list().map((e) => e.id)).toEqual(written.slice(-50).map((e) => e.id))
    const last = written.at(-1)!
    expect((await again.readBody(last.id))!.length).toBe(8 * 1024)
    await again.close()
  })

  it('keeps the log under the byte limit', async () => {
    const store = await EventStore.open({ dir, maxBytes: 256 * 1024 })
    await fill(store, 300, 4096)
    expect(store.sizeBytes).toBeLessThanOrEqual(256 * 1024)
    const ids = store.list().map((e) => e.id)
    expect(ids.length).toBeLessThan(300)
    for (const id of ids.slice(-3)) expect((await store.readBody(id))!.length).toBe(4096)
    await store.close()
  })

  it('bodies stay readable while old segments are dropped mid-stream', async () => {
    const store = await EventStore.open({ dir, maxEvents: 20, segmentLines: 7 })
    const written: EventSummary[] = []
    for (let i = 0; i < 200; i++) {
      written.push(await store.append(event(), Buffer.alloc(20 * 1024, 65 + (i % 26))))
      const keep = written.slice(-20)
      const probe = keep[i % keep.length]
      expect((await store.readBody(probe.id))![0]).toBe(65 + (written.indexOf(probe) % 26))
    }
    await store.close()
  })

  it('clear empties the log', async () => {
    const store = await EventStore.open({ dir })
    await fill(store, 4)
    expect(await store.clear()).toBe(4)
    expect(store.count).toBe(0)
    const e = await store.append(event(), Buffer.from('fresh'))
    await store.close()
    const again = await EventStore.open({ dir, readOnly: true })
    expect(again.list().map((x) => x.id)).toEqual([e.id])
    await again.close()
    // The old segment is gone; the one file left holds the one event.
    const files = await readdir(join(dir, SEGMENT_DIR))
    expect(files).toEqual(['000000000002.jsonl'])
    expect((await readFile(segmentFile(dir, 2), 'utf8')).split('\n').filter(Boolean)).toHaveLength(
      1,
    )
  })

  it('refuses a second writer on the same data dir, takes over a stale lock', async () => {
    const store = await EventStore.open({ dir })
    await expect(EventStore.open({ dir })).rejects.toBeInstanceOf(DataDirLockedError)
    await store.close()
    await writeFile(join(dir, 'events.lock'), '999999')
    const next = await EventStore.open({ dir })
    await next.close()
  })

  it('every line is the contract JSON an external reader can parse', async () => {
    const store = await EventStore.open({ dir })
    const [a] = await fill(store, 1)
    await store.append(event(), Buffer.from([0xff, 0x00]))
    await store.close()
    const lines = (await readFile(LOG_FILE(), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
    expect(lines[0]).toMatchObject({ id: a.id, bodyEncoding: 'utf8', body: 'aaaaaaaaaa' })
    expect(lines[1]).toMatchObject({
      bodyEncoding: 'base64',
      body: Buffer.from([0xff, 0]).toString('base64'),
    })
  })
})
