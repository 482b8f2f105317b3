/**
 * The segmented event log on real files: rolling, dropping whole segments by count and by bytes,
 * adopting the previous version's events.jsonl in place, a torn tail in the last segment, kill -9
 * of a writer that rolls every few lines, readers listing while the writer drops segments, clear.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { spawn } from 'node:child_process'
import { appendFile, readdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import {
  EventStore,
  LEGACY_LOG,
  SEGMENT_DIR,
  segmentFile,
} from '../../../electron/core/store/event-store'
import { eventLine } from '../../../electron/core/store/log-format'
import { fill, testEvent } from '../../helpers/store-events'
import { ROOT } from '../../helpers/hooklens-cli'
import { tempDir } from '../../helpers/temp-dir'

let dir: string
let cleanup: () => Promise<void>
beforeEach(async () => ({ dir, cleanup } = await tempDir()))
afterEach(() => cleanup())

const segments = async () => (await readdir(join(dir, SEGMENT_DIR))).sort()

describe('segmented event log', () => {
  it('rolls to a new segment file every N lines; a reopen reads them all in order', async () => {
    const store = await EventStore.open({ dir, segmentLines: 4 })
    const written = await fill(store, 10)
    await store.close()
    expect(await segments()).toEqual([
      '000000000001.jsonl',
      '000000000002.jsonl',
      '000000000003.jsonl',
    ])
    const again = await EventStore.open({ dir, readOnly: true })
    expect(again.list().map((e) => e.id)).toEqual(written.map((e) => e.id))
    expect((await again.readBody(written[9].id))!.toString()).toBe('jjjjjjjjjj')
    await again.close()
  })

  it('drops whole old segments by count and never rewrites kept ones', async () => {
    const store = await EventStore.open({ dir, maxEvents: 10, segmentLines: 5 })
    const first = await fill(store, 5)
    const kept = await stat(segmentFile(dir, 2)).catch(() => null)
    expect(kept).toBeNull() // still in segment 1
    const more = await fill(store, 7)
    const seg2 = await stat(segmentFile(dir, 2))
    await fill(store, 3) // 15 written: 10 kept = segments 2 and 3; segment 1 holds none
    await store.close()
    expect(await segments()).toEqual(['000000000002.jsonl', '000000000003.jsonl'])
    const seg2After = await stat(segmentFile(dir, 2))
    expect(seg2After.ino).toBe(seg2.ino) // same file, appended to, never copied
    const again = await EventStore.open({ dir, maxEvents: 10 })
    expect(again.count).toBe(10)
    expect(again.has(first[4].id)).toBe(false)
    expect(again.has(more[0].id)).toBe(true)
    await again.close()
  })

  it('drops whole old segments by bytes', async () => {
    const store = await EventStore.open({ dir, maxBytes: 64 * 1024, segmentBytes: 16 * 1024 })
    const written = await fill(store, 100, 4096)
    expect(store.sizeBytes).toBeLessThanOrEqual(64 * 1024)
    await store.close()
    const files = await segments()
    let onDisk = 0
    for (const f of files) onDisk += (await stat(join(dir, SEGMENT_DIR, f))).size
    // What is kept plus at most one partly dead segment.
    expect(onDisk).toBeLessThanOrEqual(64 * 1024 + 16 * 1024 + 8 * 1024)
    const again = await EventStore.open({ dir, maxBytes: 64 * 1024, readOnly: true })
    const ids = again.list().map((e) => e.id)
    expect(ids).toEqual(written.slice(-ids.length).map((e) => e.id))
    expect(ids.length).toBeGreaterThan(10)
    await again.close()
  })

  it('adopts the previous version’s events.jsonl in place (no copy) and drops it like any segment', async () => {
    const old = Array.from({ length: 6 }, () => testEvent())
    const legacy = join(dir, LEGACY_LOG)
    await writeFile(legacy, Buffer.concat(old.map((e, i) => eventLine(e, Buffer.from(`old ${i}`)))))
    const before = await stat(legacy)
    const store = await EventStore.open({ dir, maxEvents: 8, segmentLines: 4 })
    expect(store.list().map((e) => e.id)).toEqual(old.map((e) => e.id))
    expect((await store.readBody(old[3].id))!.toString()).toBe('old 3')
    const fresh = await fill(store, 2)
    const after = await stat(legacy)
    expect([after.ino, after.size]).toEqual([before.ino, before.size]) // never appended to
    expect(await segments()).toEqual(['000000000001.jsonl'])
    await store.close()
    const again = await EventStore.open({ dir, maxEvents: 8, segmentLines: 4 })
    expect(again.list().map((e) => e.id)).toEqual([...old, ...fresh].map((e) => e.id))
    await fill(again, 8) // every legacy event evicted: the file goes
    await again.close()
    await expect(stat(legacy)).rejects.toThrow(/ENOENT/)
  })

  it('skips and reports a torn tail in the last segment, then appends after it', async () => {
    const store = await EventStore.open({ dir, segmentLines: 3 })
    const written = await fill(store, 7)
    await store.close()
    await appendFile(segmentFile(dir, 3), '{"id":"01TORN","receivedAt":"2026-01-01T00:0')
    const reopened = await EventStore.open({ dir, segmentLines: 3 })
    expect(reopened.loadProblems).toHaveLength(1)
    expect(reopened.loadProblems[0]).toMatch(/torn last record.*000000000003\.jsonl/)
    const next = await reopened.append(testEvent(), Buffer.from('after'))
    await reopened.close()
    const third = await EventStore.open({ dir, readOnly: true })
    expect(third.loadProblems).toEqual([])
    expect(third.list().map((e) => e.id)).toEqual([...written, next].map((e) => e.id))
    await third.close()
  })

  it('kill -9 of a writer rolling every three lines: every acknowledged event is there', async () => {
    const child = spawn(
      process.execPath,
      [join(ROOT, 'bin/run-ts.mjs'), join(ROOT, 'test/unit/store/fixtures/append-forever.ts'), dir],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
    )
    const acked: string[] = []
    let buf = ''
    await new Promise<void>((resolve) => {
      child.stdout!.on('data', (d: Buffer) => {
        buf += d.toString()
        const lines = buf.split('\n')
        buf = lines.pop()!
        acked.push(...lines)
        if (acked.length >= 400) child.kill('SIGKILL')
      })
      child.on('exit', () => resolve())
    })
    expect(acked.length).toBeGreaterThanOrEqual(400)
    expect((await segments()).length).toBeGreaterThan(100)
    const store = await EventStore.open({ dir, maxEvents: 100_000 })
    const have = new Set(store.list().map((e) => e.id))
    expect(acked.filter((id) => !have.has(id))).toEqual([])
    const last = acked.at(-1)!
    expect((await store.readBody(last))!.length).toBe(2048)
    await store.close()
  })

  it('readers list while the writer drops segments, and keep exactly what the writer keeps', async () => {
    const limits = { maxEvents: 30, segmentLines: 4 }
    const writer = await EventStore.open({ dir, ...limits })
    for (let round = 0; round < 25; round++) {
      await fill(writer, 5, 512)
      const reader = await EventStore.open({ dir, ...limits, readOnly: true })
      await fill(writer, 5, 512) // drops segments the reader has open
      const ids = reader.list().map((e) => e.id)
      expect(ids.length).toBe(Math.min(30, (round + 1) * 10 - 5))
      for (const id of ids) expect((await reader.readBody(id))!.length).toBe(512)
      await reader.close()
    }
    const reader = await EventStore.open({ dir, ...limits, readOnly: true })
    expect(reader.list().map((e) => e.id)).toEqual(writer.list().map((e) => e.id))
    await reader.close()
    await writer.close()
  })

  it('clear drops every segment; a reopen brings nothing back', async () => {
    await writeFile(join(dir, LEGACY_LOG), eventLine(testEvent(), Buffer.from('legacy')))
    const store = await EventStore.open({ dir, segmentLines: 3 })
    await fill(store, 8)
    expect(await store.clear()).toBe(9)
    const e = await store.append(testEvent(), Buffer.from('fresh'))
    await store.close()
    await expect(stat(join(dir, LEGACY_LOG))).rejects.toThrow(/ENOENT/)
    const files = await segments()
    expect(files).toHaveLength(1)
    expect(await readFile(join(dir, SEGMENT_DIR, files[0]), 'utf8')).toContain('"body":"fresh"')
    const again = await EventStore.open({ dir, readOnly: true })
    expect(again.list().map((x) => x.id)).toEqual([e.id])
    await again.close()
  })
})
