/**
 * `listEvents` over the store: the inspect module's `matchesQuery` decides what matches; this
 * adds paging (`beforeId`), the newest-N limit (scanning newest first and stopping there), and
 * the body half of text search, which reads bodies from disk only for events whose summary did
 * not already match.
 */
import type { EventQuery } from '../../../shared/api'
import type { EventSummary } from '../../../shared/event'
import { matchesQuery } from '../inspect/query'
import type { EventStore } from '../store/event-store'

/** Takes any holder of a store (the Hooklens, or `hooklens mcp`'s read-only view of a data dir). */
export async function filterEvents(
  h: { store: Pick<EventStore, 'select' | 'metasNewestFirst' | 'get' | 'readBody'> },
  q: EventQuery,
): Promise<EventSummary[]> {
  const { text, ...fields } = q
  const limit = q.limit && q.limit > 0 ? q.limit : Infinity
  const before = q.beforeId
  // Field filters never look at headers: run them on the index's metadata, newest first, and
  // stop at the limit; only text search needs an event's headers (and maybe its body).
  const fieldMatch = (m: Omit<EventSummary, 'headers'>) =>
    (!before || m.id < before) && matchesQuery(m as EventSummary, fields)
  if (!text) return h.store.select(fieldMatch, limit)
  const out: EventSummary[] = []
  for (const m of h.store.metasNewestFirst()) {
    if (out.length >= limit) break
    if (!fieldMatch(m)) continue
    const e = h.store.get(m.id)
    if (!e) continue
    if (matchesQuery(e, { text })) {
      out.push(e)
      continue
    }
    const body = await h.store.readBody(e.id)
    if (body && matchesQuery(e, { text }, () => body.toString('utf8'))) out.push(e)
  }
  return out.reverse()
}
