/**
 * `events list --limit N` reads only the newest segments it needs (selectNewest): on real files,
 * its answer equals the whole log's (open everything, then select) — with retention dropping
 * events by count and by bytes, filters, duplicates whose first delivery sits in an older
 * segment (stored, or dropped by retention), updates, and a writer appending meanwhile.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { EventStore } from '../../../electron/core/store/event-store'
import type { EventMeta } from '../../../electron/core/store/log-format'
import { openEventLogReader, selectNewest } from '../../../electron/core/store/open-reader'
import { testEvent } from '../../helpers/store-events'
import { tempDir } from '../../helpers/temp-dir'
import type { EventSummary } from '../../../shared/event'

let dir: string
let cleanup: () => Promise<void>
beforeEach(async () => ({ dir, cleanup } = await tempDir()))
afterEach(() => cleanup())

async function retention(maxEvents: number, maxBytes = 1024 ** 3): Promise<void> {
  await writeFile(
    join(dir, 'settings.json'),
    JSON.stringify({ retention: { maxEvents, maxBytes } }),
  )
}

/** What the whole log answers. */
async function whole(match: (m: EventMeta) => boolean, limit: number): Promise<EventSummary[]> {
  const store = await openEventLogReader(dir)
  try {
    return store.select(match, limit)
  } finally {
    await store.close()
  }
}

const all = () => true
const dupes = (m: EventMeta) => m.idempotency.status === 'duplicate'

/**
 * `n` events in segments of 5 lines; every 7th repeats the key of the event 12 before it (a
 * duplicate whose first delivery is usually in an older segment).
 */
async function writeLog(n: number, store: EventStore): Promise<EventSummary[]> {
  const out: EventSummary[] = []
  for (let i = 0; i < n; i++) {
    const e = testEvent()
    if (i % 7 === 6 && i >= 12) {
      const first = out[i - 12]
      e.idempotency = { ...first.idempotency, status: 'duplicate', count: 2 }
    }
    out.push(await store.append(e, Buffer.alloc(50 + (i % 3) * 40, 97 + (i % 26))))
  }
  return out
}

describe('selectNewest (events list --limit)', () => {
  it('answers as the whole log does, with retention by count and by bytes', async () => {
    const store = await EventStore.open({ dir, maxEvents: 1000, segmentLines: 5 })
    const written = await writeLog(60, store)
    await store.update(written[57].id, {
      verification: { scheme: 'hmac', status: 'valid', reason: 'ok' },
    })
    await store.close()
    for (const [maxEvents, maxBytes] of [
      [1000, 1024 ** 3],
      [23, 1024 ** 3],
      [1000, 9_000],
    ]) {
      await retention(maxEvents, maxBytes)
      for (const limit of [1, 3, 10, 30, 100]) {
        for (const match of [all, dupes]) {
          const got = await selectNewest(dir, match, limit)
          expect(got).toEqual(await whole(match, limit))
        }
      }
    }
    // The update (in the newest segment) is applied; a dropped first delivery is said to be.
    await retention(1000)
    expect((await selectNewest(dir, all, 3))[0].verification.status).toBe('valid')
    await retention(15) // keeps events 45-59: 55 is a duplicate of 43, dropped
    const [dupe] = await selectNewest(dir, dupes, 1)
    expect(dupe.id).toBe(written[55].id)
    expect(dupe.idempotency.firstEvicted).toBe(true)
  })

  it('answers while a writer appends and rolls segments', async () => {
    await retention(40)
    const store = await EventStore.open({ dir, maxEvents: 40, segmentLines: 5 })
    await writeLog(30, store)
    const more = writeLog(30, store)
    const seen: string[][] = []
    for (let i = 0; i < 5; i++) seen.push((await selectNewest(dir, all, 8)).map((e) => e.id))
    await more
    await store.close()
    for (const ids of seen) expect(ids).toHaveLength(8)
    expect((await selectNewest(dir, all, 8)).map((e) => e.id)).toEqual(
      (await whole(all, 8)).map((e) => e.id),
    )
  })
})
