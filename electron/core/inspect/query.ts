/**
 * `matchesQuery()`: does an event summary match an EventQuery (shared/api.ts)? Exact match on
 * subject, platform (case-insensitive); eventType exact or glob (`execution.*`); idempotency and
 * verification statuses accept a comma-separated list (`duplicate,conflict`); path is the one
 * path-filter rule (shared/path-glob.ts: a segment prefix, or a glob with `*`, `**`, `?`); text is a case-insensitive substring search
 * over the summary and, only if that fails, the body text (read lazily).
 */
import type { EventQuery } from '../../../shared/api'
import type { EventSummary } from '../../../shared/event'
import {
  globToRegExp as sharedGlobToRegExp,
  hasWildcard,
  pathFilterMatches,
} from '../../../shared/path-glob'

/** `*` matches within a path segment, `**` across segments, `?` one character. */
export function globToRegExp(glob: string): RegExp {
  return sharedGlobToRegExp(glob, { questionMark: true })
}

const isGlob = (s: string): boolean => hasWildcard(s, { questionMark: true })

/** `/webhooks` takes `/webhooks/github`, not `/webhooksx`: the rule verifiers and forwards use. */
export function matchesPath(path: string, pattern: string): boolean {
  return pathFilterMatches(pattern, path)
}

function inList(value: string, list: string): boolean {
  return list
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s !== '')
    .includes(value.toLowerCase())
}

function eventTypeMatches(eventType: string | null, pattern: string): boolean {
  if (eventType === null) return false
  if (!isGlob(pattern)) return eventType === pattern
  // Event types use dots, not slashes: let `*` match anything here.
  return globToRegExp(pattern.replace(/\*+/g, '**')).test(eventType)
}

function summaryText(e: EventSummary): string {
  const c = e.classification
  const parts = [
    e.id,
    e.method,
    e.path,
    e.query,
    c.platform,
    c.eventType ?? '',
    c.subject ?? '',
    e.idempotency?.key ?? '',
    e.verification?.reason ?? '',
  ]
  for (const [k, v] of e.headers) parts.push(`${k}: ${v}`)
  if (c.details) {
    for (const v of Object.values(c.details)) {
      if (typeof v === 'string' || typeof v === 'number') parts.push(String(v))
    }
  }
  return parts.join('\n').toLowerCase()
}

export function matchesQuery(
  e: EventSummary,
  q: EventQuery,
  bodyText?: () => string | null,
): boolean {
  if (q.afterId && !(e.id > q.afterId)) return false
  if (q.subject && e.classification.subject !== q.subject) return false
  if (
    q.platform &&
    !q.platform.toLowerCase().split(',').includes(e.classification.platform.toLowerCase())
  )
    return false
  if (q.eventType && !eventTypeMatches(e.classification.eventType, q.eventType)) return false
  if (q.idempotency && !(e.idempotency && inList(e.idempotency.status, q.idempotency))) return false
  if (q.verification && !inList(e.verification.status, q.verification)) return false
  if (q.path && !matchesPath(e.path, q.path)) return false
  if (q.text) {
    const needle = q.text.toLowerCase()
    if (!summaryText(e).includes(needle)) {
      const body = bodyText?.()
      if (!body || !body.toLowerCase().includes(needle)) return false
    }
  }
  return true
}
