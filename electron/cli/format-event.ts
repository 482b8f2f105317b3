/** One-line, human-readable summaries of captured events for `listen` and `events list`. */
import type { EventSummary } from '../../shared/event'
import { formatSize } from './parse'

const BADGE: Record<string, string> = {
  valid: '✓ valid',
  invalid: '✗ invalid',
  missing: '! missing signature',
  unverifiable: '? unverifiable',
  none: '',
}

export function summaryLine(e: EventSummary): string {
  const time = e.receivedAt.slice(11, 23)
  const target = e.query ? `${e.path}?${e.query}` : e.path
  const c = e.classification
  const kind =
    c.platform !== 'unknown' ? `${c.platform}${c.eventType ? ` ${c.eventType}` : ''}` : ''
  const idem =
    e.idempotency.status === 'duplicate'
      ? `duplicate ×${e.idempotency.count}`
      : e.idempotency.status === 'conflict'
        ? `CONFLICT ×${e.idempotency.count}`
        : ''
  const parts = [
    time,
    e.method.padEnd(6),
    target,
    String(e.response.status),
    formatSize(e.size),
    kind,
    BADGE[e.verification.status] ?? e.verification.status,
    e.verification.status === 'invalid' ? `(${e.verification.reason})` : '',
    idem,
    findingsBadge(e),
    e.rejected ?? '',
    e.via === 'tunnel' ? `via tunnel${e.forwardedFor ? ` from ${e.forwardedFor}` : ''}` : '',
    e.id,
  ]
  return parts.filter(Boolean).join('  ')
}

/** "⚑ a2a-stream-response: <reason>" (+N more) — the Agent lens' findings, worst first. */
export function findingsBadge(e: EventSummary): string {
  const list = e.findings ?? []
  if (list.length === 0) return ''
  const order = { error: 0, warning: 1, info: 2 }
  const worst = [...list].sort((a, b) => order[a.severity] - order[b.severity])[0]
  const more = list.length > 1 ? ` (+${list.length - 1} more)` : ''
  return `⚑ ${worst.code}: ${worst.message}${more}`
}
