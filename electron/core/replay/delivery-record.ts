/** Creating delivery records and folding an HTTP attempt into one (shared by replay and forward). */
import { sha256Hex } from '../verify/crypto'
import type { HeaderPair } from '../../../shared/event'
import { ulid } from 'ulid'
import { encodeBody } from '../store/body-encoding'
import type { AttemptResult, Delivery, DeliveryKind, DeliveryRequest } from './types'

/**
 * The request as a record keeps it: the event's bytes by reference (sha256), an edited body
 * inline. Headers are what was written to the wire.
 */
export function storedRequest(
  sent: { method: string; url: string; headers: HeaderPair[] },
  body: Buffer,
  edited: boolean,
  sha256 = sha256Hex(body),
): DeliveryRequest {
  return {
    method: sent.method,
    url: sent.url,
    headers: sent.headers,
    size: body.length,
    sha256,
    bodySource: edited ? 'edited' : 'event',
    ...(edited ? encodeBody(body) : {}),
  }
}

export function newDelivery(fields: {
  eventId: string
  target: string
  kind: DeliveryKind
  request: DeliveryRequest
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
    // The headers of the latest attempt as written (a re-signed forward's change each time);
    // the body is the same bytes, still by reference.
    request: {
      ...delivery.request,
      method: attempt.request.method,
      url: attempt.request.url,
      headers: attempt.request.headers,
    },
  }
}
