/** Verification and duplicate/conflict badges, shared by the list and the detail. */
import type { EventSummary } from '../../../shared/event'

const VERIFY_LABEL: Record<string, string> = {
  valid: 'valid',
  invalid: 'invalid',
  missing: 'missing sig',
  unverifiable: 'no secret',
  none: '',
}

export function VerificationBadge({ e }: { e: EventSummary }) {
  const status = e.verification.status
  const label = VERIFY_LABEL[status] ?? status
  if (!label) return <span className="badge none">—</span>
  return (
    <span
      className={`badge verify-${status}`}
      title={e.verification.reason}
      data-testid="verify-badge"
      data-status={status}
    >
      {label}
    </span>
  )
}

export function IdempotencyBadge({ e }: { e: EventSummary }) {
  const status = e.idempotency?.status
  if (status !== 'duplicate' && status !== 'conflict') return null
  return (
    <span
      className={`badge idem-${status}`}
      title={`${status} of ${e.idempotency.firstId} (key ${e.idempotency.key}, seen ${e.idempotency.count}×)`}
      data-testid="idem-badge"
      data-status={status}
    >
      {status === 'duplicate' ? `dup ×${e.idempotency.count}` : 'conflict'}
    </span>
  )
}

export function StatusCode({ status }: { status: number | undefined }) {
  if (!status) return <span className="code">—</span>
  const cls = status >= 500 ? 'code c5' : status >= 400 ? 'code c4' : 'code c2'
  return <span className={cls}>{status}</span>
}
