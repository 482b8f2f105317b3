/**
 * One-line, human-readable summaries of captured events for `listen` and `events list`. The
 * line is made of sender-controlled text, so control characters are escaped (terminal-text.ts).
 */
import { worstFirst, type EventSummary } from '../../shared/event'
import { formatSize } from './parse'
import { safeLine } from './terminal-text'

/** A verification status as a short mark ('' for none: a summary line leaves it out). */
export const BADGE: Record<string, string> = {
  valid: '✓ valid',
  invalid: '✗ invalid',
  missing: '! missing signature',
  unverifiable: '? unverifiable',
  none: '',
}

const SGR: Record<string, string> = {
  valid: '32',
  invalid: '31',
  missing: '33',
  unverifiable: '36',
  conflict: '1;31',
  duplicate: '2',
  rejected: '31',
}

const paint = (code: string | undefined, text: string, on: boolean) =>
  on && code && text ? `\u001b[${code}m${text}\u001b[0m` : text

/** `color` paints the verdict, duplicates/conflicts and refusals (after escaping the text). */
export function summaryLine(e: EventSummary, opts: { color?: boolean } = {}): string {
  const on = Boolean(opts.color)
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
    safeLine(e.method.padEnd(6)),
    safeLine(target),
    String(e.response.status),
    formatSize(e.size),
    safeLine(kind),
    paint(SGR[e.verification.status], BADGE[e.verification.status] ?? e.verification.status, on),
    e.verification.status === 'invalid' ? safeLine(`(${e.verification.reason})`) : '',
    paint(SGR[e.idempotency.status], idem, on),
    safeLine(findingsBadge(e)),
    paint(SGR.rejected, safeLine(e.rejected ?? ''), on),
    e.via === 'tunnel'
      ? safeLine(`via tunnel${e.forwardedFor ? ` from ${e.forwardedFor}` : ''}`)
      : '',
    e.id,
  ]
  return parts.filter(Boolean).join('  ')
}

/** "⚑ a2a-stream-response: <reason>" (+N more) — the Agent lens' findings, worst first. */
export function findingsBadge(e: EventSummary): string {
  const list = e.findings ?? []
  if (list.length === 0) return ''
  const worst = worstFirst(list)[0]
  const more = list.length > 1 ? ` (+${list.length - 1} more)` : ''
  return `⚑ ${worst.code}: ${worst.message}${more}`
}
