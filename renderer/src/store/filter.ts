/**
 * The event list's filter box: free text plus `platform:`, `status:`, `path:`, `method:`,
 * `type:` and `subject:` terms, all of which must match. `status:` matches the verification
 * status, the idempotency status, or the response code (`404`, `4xx`). A leading `-` negates a
 * term. A single plain word is also looked for in bodies by the core (`listEvents({text})`),
 * whose hits join the local matches when they arrive. Compiled once per keystroke into a predicate over summaries (50k rows stay fast:
 * each summary's lower-cased search text is computed once and cached).
 */
import type { EventSummary } from '../../../shared/event'
import { pathFilterMatches } from '../../../shared/path-glob'

export type EventPredicate = (e: EventSummary) => boolean

const haystacks = new WeakMap<EventSummary, string>()

function haystack(e: EventSummary): string {
  let h = haystacks.get(e)
  if (h === undefined) {
    const c = e.classification
    const parts = [
      e.id,
      e.method,
      e.path,
      e.query,
      c.platform,
      c.eventType ?? '',
      c.subject ?? '',
      e.verification.status,
      e.verification.reason,
      e.idempotency.key,
    ]
    for (const [k, v] of e.headers) parts.push(`${k}: ${v}`)
    h = parts.join('\n').toLowerCase()
    haystacks.set(e, h)
  }
  return h
}

function statusMatches(e: EventSummary, want: string): boolean {
  if (e.verification.status === want || e.idempotency.status === want) return true
  const code = String(e.response?.status ?? '')
  if (/^\d{3}$/.test(want)) return code === want
  if (/^\dxx$/.test(want)) return code[0] === want[0]
  if (want === 'rejected') return !!e.rejected
  return false
}

function termPredicate(key: string, value: string): EventPredicate | null {
  const v = value.toLowerCase()
  switch (key) {
    case 'platform': {
      // `platform:stripe,github` lists several.
      const any = new Set(v.split(',').filter(Boolean))
      return (e) => any.has(e.classification.platform.toLowerCase())
    }
    case 'status':
      return (e) => statusMatches(e, v)
    case 'path':
      // The one meaning of a path filter, as `events list --path` and verifier paths read it.
      return (e) => pathFilterMatches(value, e.path)
    case 'method':
      return (e) => e.method.toLowerCase() === v
    case 'type':
      return (e) => (e.classification.eventType ?? '').toLowerCase().includes(v)
    case 'subject':
      return (e) => (e.classification.subject ?? '').toLowerCase().includes(v)
    default:
      return null
  }
}

/** Ids of events whose body contains `needle`, as the core's text search found them. */
export interface BodyHits {
  needle: string
  ids: Set<string>
}

/** The one plain word the core can also look for in bodies (none when there are several). */
export function freeTextTerm(text: string): string | null {
  const free = text
    .trim()
    .split(/\s+/)
    .filter((t) => t && !t.startsWith('-') && !/^[a-z]+:./i.test(t))
  return free.length === 1 ? free[0].toLowerCase() : null
}

/** Returns null when the filter is empty (everything matches). */
export function compileFilter(text: string, bodyHits?: BodyHits | null): EventPredicate | null {
  const preds: EventPredicate[] = []
  for (const raw of text.trim().split(/\s+/)) {
    if (!raw) continue
    const negate = raw.startsWith('-') && raw.length > 1
    const term = negate ? raw.slice(1) : raw
    const colon = term.indexOf(':')
    let pred: EventPredicate | null = null
    if (colon > 0 && colon < term.length - 1) {
      pred = termPredicate(term.slice(0, colon).toLowerCase(), term.slice(colon + 1))
    }
    if (!pred) {
      const needle = term.toLowerCase()
      const hits = !negate && bodyHits?.needle === needle ? bodyHits.ids : null
      pred = hits
        ? (e) => haystack(e).includes(needle) || hits.has(e.id)
        : (e) => haystack(e).includes(needle)
    }
    const p = pred
    preds.push(negate ? (e) => !p(e) : p)
  }
  if (preds.length === 0) return null
  return (e) => {
    for (const p of preds) if (!p(e)) return false
    return true
  }
}

/** The rows to show: filtered, then ordered (events arrive sorted oldest first). */
export function visibleEvents(
  events: EventSummary[],
  filterText: string,
  newestFirst: boolean,
  bodyHits?: BodyHits | null,
): EventSummary[] {
  const pred = compileFilter(filterText, bodyHits)
  const out = pred ? events.filter(pred) : events.slice()
  if (newestFirst) out.reverse()
  return out
}
