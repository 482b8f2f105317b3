/**
 * `listEvents` over the store: the inspect module's `matchesQuery` decides what matches; this
 * adds paging (`beforeId`), the newest-N limit, and the body half of text search, which reads
 * bodies from disk only for events whose summary did not already match.
 */
import type { EventQuery } from '../../../shared/api'
import type { EventSummary } from '../../../shared/event'
import { matchesQuery } from '../inspect/query'
import type { EventStore } from '../store/event-store'

/** Takes any holder of a store (the Hooklens, or `hooklens mcp`'s read-only view of a data dir). */
export async function filterEvents(
  h: { store: Pick<EventStore, 'list' | 'readBody'> },
  q: EventQuery,
): Promise<EventSummary[]> {
  const { text, ...fields } = q
  let events = h.store.list().filter((e) => matchesQuery(e, fields))
  if (q.beforeId) {
    const before = q.beforeId
    events = events.filter((e) => e.id < before)
  }
  if (text) {
    const out: EventSummary[] = []
    for (const e of events) {
      if (matchesQuery(e, { text })) {
        out.push(e)
        continue
      }
      const body = await h.store.readBody(e.id)
      if (body && matchesQuery(e, { text }, () => body.toString('utf8'))) out.push(e)
    }
    events = out
  }
  if (q.limit && q.limit > 0 && events.length > q.limit) events = events.slice(-q.limit)
  return events
}
