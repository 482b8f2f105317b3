/** Creating delivery records and folding an HTTP attempt into one (shared by replay and forward). */
import { ulid } from 'ulid'
import type { AttemptResult, Delivery, DeliveryKind, SentRequest } from './types'

export function newDelivery(fields: {
  eventId: string
  target: string
  kind: DeliveryKind
  request: SentRequest
  now: Date
  ruleId?: string | null
  maxAttempts?: number
  notes?: string[]
}): Delivery {
  const at = fields.now.toISOString()
  return {
    id: ulid(fields.now.getTime()),
    eventId: fields.eventId,
    target: fields.target,
    ruleId: fields.ruleId ?? null,
    kind: fields.kind,
    status: 'pending',
    attempts: 0,
    maxAttempts: fields.maxAttempts ?? 1,
    lastError: null,
    createdAt: at,
    updatedAt: at,
    deliveredAt: null,
    nextAttemptAt: null,
    request: fields.request,
    response: null,
    latencyMs: null,
    notes: fields.notes ?? [],
    redrives: 0,
  }
}

/** The fields an attempt changes; the caller decides pending/failed/dead for failures. */
export function attemptPatch(
  delivery: Delivery,
  attempt: AttemptResult,
  now: Date,
  statusIfFailed: Delivery['status'],
): Partial<Delivery> {
  return {
    attempts: delivery.attempts + 1,
    status: attempt.ok ? 'delivered' : statusIfFailed,
    lastError: attempt.error,
    updatedAt: now.toISOString(),
    deliveredAt: attempt.ok ? now.toISOString() : delivery.deliveredAt,
    response: attempt.response,
    latencyMs: Math.round(attempt.latencyMs * 100) / 100,
    // The exact request of the latest attempt (headers as written, body bytes).
    request: attempt.request,
  }
}
