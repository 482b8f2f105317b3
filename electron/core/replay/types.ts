/**
 * Records of replays and forwards ("deliveries"): the exact request Hooklens sent, what the
 * target answered, and where the delivery stands. Stored by DeliveryStore, returned by the API
 * (`replayEvent`, `listDeliveries`) and printed by `hooklens replay` / `hooklens deliveries`.
 */
import type { BodyEncoding, HeaderPair } from '../../../shared/event'

export type DeliveryKind = 'replay' | 'forward'

/** pending: queued or retrying · delivered: 2xx · failed: answered non-2xx or unreachable
 * (replays; forwards waiting for their next attempt) · dead: a forward that gave up. */
export type DeliveryStatus = 'pending' | 'delivered' | 'failed' | 'dead'

export interface SentRequest {
  method: string
  url: string
  /** In the order they were written to the wire (undici adds Host, Content-Length first). */
  headers: HeaderPair[]
  body: string
  bodyEncoding: BodyEncoding
  size: number
}

export interface ReceivedResponse {
  status: number
  headers: HeaderPair[]
  /** At most the response cap (64 KiB by default); `truncated` says when more came. */
  body: string
  bodyEncoding: BodyEncoding
  size: number
  truncated: boolean
}

export interface Delivery {
  id: string
  eventId: string
  target: string
  ruleId: string | null
  kind: DeliveryKind
  status: DeliveryStatus
  attempts: number
  maxAttempts: number
  lastError: string | null
  createdAt: string
  updatedAt: string
  deliveredAt: string | null
  /** When a waiting forward will try again (ISO), null otherwise. */
  nextAttemptAt: string | null
  request: SentRequest
  response: ReceivedResponse | null
  latencyMs: number | null
  /** Plain sentences about what was done to the request (re-signed, edited, unsigned, ...). */
  notes: string[]
  /** How many times the delivery was redriven from the dead letters. */
  redrives: number
}

/** One HTTP exchange, as `sendHttp` reports it. */
export interface AttemptResult {
  /** The target answered 2xx. */
  ok: boolean
  request: SentRequest
  response: ReceivedResponse | null
  /** Plain sentence when the exchange failed (network error or non-2xx answer). */
  error: string | null
  /** 'ECONNREFUSED', 'TIMEOUT', 'HTTP_503', ... */
  errorCode: string | null
  latencyMs: number
  /** The target's Retry-After header, raw, when it sent one. */
  retryAfter: string | null
}
