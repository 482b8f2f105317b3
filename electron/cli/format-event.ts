/**
 * One-line, human-readable summaries of captured events for `listen` and `events list`. The
 * line is made of sender-controlled text, so control characters are escaped (terminal-text.ts).
 */
import type { EventSummary } from '../../shared/event'
import { formatSize } from './parse'
import { safeLine } from './terminal-text'

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
    e.rejected ?? '',
    e.via === 'tunnel' ? `via tunnel${e.forwardedFor ? ` from ${e.forwardedFor}` : ''}` : '',
    e.id,
  ]
  return safeLine(parts.filter(Boolean).join('  '))
}
