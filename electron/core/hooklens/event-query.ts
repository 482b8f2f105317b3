/**
 * Filters stored events for `listEvents` (API, CLI): newest last, with an optional limit that
 * keeps the newest. Field filters are cheap; text search reads headers and the body text only
 * when the cheaper fields did not already match.
 */
import type { EventQuery } from '../../../shared/api'
import type { EventSummary } from '../../../shared/event'
import { pathMatches } from '../receiver/response-rules'
import type { Hooklens } from './hooklens'

export async function filterEvents(h: Hooklens, q: EventQuery): Promise<EventSummary[]> {
  let events = h.store.list()
  if (q.afterId) {
    const after = q.afterId
    events = events.filter((e) => e.id > after)
  }
  if (q.beforeId) {
    const before = q.beforeId
    events = events.filter((e) => e.id < before)
  }
  events = events.filter((e) => matchesFields(e, q))
  if (q.text) {
    const needle = q.text.toLowerCase()
    const out: EventSummary[] = []
    for (const e of events) {
      if (matchesText(e, needle)) out.push(e)
      else {
        const body = await h.store.readBody(e.id)
        if (body && body.toString('utf8').toLowerCase().includes(needle)) out.push(e)
      }
    }
    events = out
  }
  if (q.limit && q.limit > 0 && events.length > q.limit) events = events.slice(-q.limit)
  return events
}

export function matchesFields(e: EventSummary, q: EventQuery): boolean {
  if (q.subject && e.classification.subject !== q.subject) return false
  if (q.platform && e.classification.platform !== q.platform) return false
  if (q.eventType && e.classification.eventType !== q.eventType) return false
  if (q.idempotency && e.idempotency.status !== q.idempotency) return false
  if (q.verification && e.verification.status !== q.verification) return false
  if (q.path && !(e.path.startsWith(q.path) || pathMatches(q.path, e.path))) return false
  return true
}

function matchesText(e: EventSummary, needle: string): boolean {
  const hay = [
    e.method,
    e.path,
    e.query,
    e.classification.platform,
    e.classification.eventType ?? '',
    e.classification.subject ?? '',
    e.verification.reason,
    ...e.headers.map(([k, v]) => `${k}: ${v}`),
  ]
  return hay.some((s) => s.toLowerCase().includes(needle))
}
