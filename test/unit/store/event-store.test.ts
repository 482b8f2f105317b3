/**
 * The event log on real files in a temp dir: torn and corrupt records, retention with
 * compaction, updates surviving a reopen, clear, and the single-writer lock.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { appendFile, readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { EventSummary } from '../../../shared/event'
import { EventStore, LOG_FILE } from '../../../electron/core/store/event-store'
import { DataDirLockedError } from '../../../electron/core/store/lock-file'
import { tempDir } from '../../helpers/temp-dir'

let dir: string
let cleanup: () => Promise<void>
beforeEach(async () => ({ dir, cleanup } = await tempDir()))
afterEach(() => cleanup())

let seq = 0
function event(overrides: Partial<EventSummary> = {}): EventSummary {
  seq++
  const id = `01TEST${String(seq).padStart(20, '0')}`
  return {
    id,
    receivedAt: new Date(1_700_000_000_000 + seq).toISOString(),
    method: 'POST',
    path: `/e/${seq}`,
    query: '',
    headers: [['Content-Type', 'application/json']],
    size: 0,
    sha256: 'x',
    remoteAddress: '127.0.0.1',
    via: 'local',
    forwardedFor: null,
    verification: { scheme: null, status: 'none', reason: 'no verifier configured' },
    idempotency: { key: id, source: 'sha256', status: 'first', firstId: id, count: 1 },
    classification: { platform: 'unknown', eventType: null, subject: null },
    response: { status: 200, latencyMs: 1 },
    ...overrides,
  }
}

async function fill(store: EventStore, n: number, bodySize = 10): Promise<EventSummary[]> {
  const out: EventSummary[] = []
  for (let i = 0; i < n; i++)
    out.push(await store.append(event(), Buffer.alloc(bodySize, 97 + (i % 26))))
  return out
}

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
    await appendFile(
      join(dir, LOG_FILE),
      '{"id":"01TORN","receivedAt":"2026-01-01T00:00:00.000Z","meth',
    )
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
    await appendFile(join(dir, LOG_FILE), 'not json at all\n')
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

  it('keeps only the newest events by count and compacts the file', async () => {
    const store = await EventStore.open({ dir, maxEvents: 50 })
    const written = await fill(store, 400, 8 * 1024)
    // Compaction runs in the background once the dead prefix is large enough.
    await store.close()
    // Rewritten at least once: far less than the 400 records written (3.2 MiB of bodies).
    const size = (await stat(join(dir, LOG_FILE))).size
    expect(size).toBeLessThan(400 * 8 * 1024 * 0.6)
    const lines = (await readFile(join(dir, LOG_FILE), 'utf8')).split('\n').filter(Boolean)
    expect(lines.length).toBeLessThan(300)
    const again = await EventStore.open({ dir })
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

  it('bodies stay readable across a compaction that happens mid-stream', async () => {
    const store = await EventStore.open({ dir, maxEvents: 20 })
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
    expect((await readFile(join(dir, LOG_FILE), 'utf8')).split('\n').filter(Boolean)).toHaveLength(
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
    const lines = (await readFile(join(dir, LOG_FILE), 'utf8'))
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
