/**
 * Opens a data dir's event log read-only with the retention the writer uses (settings.json's
 * `retention`), so `events list/show`, `verify ID`, `replay` and `events diff` see exactly the
 * events `listen` or the desktop app keeps — not the built-in defaults. Reads the settings file
 * directly (no settings store, no watcher, nothing written): a reader must not disturb anything.
 * `selectNewest` serves `events list --limit N`: it reads only as many of the newest segments
 * as the answer needs, not every stored event's place.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { EventSummary } from '../../../shared/event'
import { validateSettings } from '../settings/validate-settings'
import { EventStore } from './event-store'
import type { EventMeta } from './log-format'
import { listSegments } from './segments'

export async function readRetention(dir: string): Promise<{ maxEvents: number; maxBytes: number }> {
  let raw: unknown = {}
  try {
    raw = JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8'))
  } catch {
    // Missing or unreadable: the writer falls back to the defaults too.
  }
  return validateSettings(raw).settings.retention
}

export async function openEventLogReader(dir: string): Promise<EventStore> {
  return EventStore.open({ dir, readOnly: true, ...(await readRetention(dir)) })
}

/**
 * The newest `limit` stored events whose metadata match, oldest first — what
 * `openEventLogReader(dir)` then `select(match, limit)` returns — reading the newest segment,
 * then the newest 2, 4, … until the answer is complete: `limit` events found, and the first
 * delivery of each duplicate among them known (stored or dropped), or every segment read.
 * Retention needs no older segment: whether an event is kept depends only on the events after it.
 */
export async function selectNewest(
  dir: string,
  match: (meta: EventMeta) => boolean,
  limit: number,
): Promise<EventSummary[]> {
  const retention = await readRetention(dir)
  const total = (await listSegments(dir)).length
  for (let n = 1; ; n *= 2) {
    const whole = n >= total
    const store = await EventStore.open({
      dir,
      readOnly: true,
      ...retention,
      ...(whole ? {} : { newestSegments: n }),
    })
    try {
      const out = store.select(match, limit)
      // A first delivery not loaded may be stored in an older segment: read further to know.
      const firstsKnown = out.every(
        (e) => !e.idempotency || e.idempotency.firstId === e.id || store.has(e.idempotency.firstId),
      )
      if (whole || (out.length >= limit && firstsKnown)) return out
    } finally {
      await store.close()
    }
  }
}
