/**
 * Records of replays and forwards ("deliveries"), as the API returns them (`replayEvent`,
 * `listDeliveries`, the `deliveryResult` push): the exact request Hooklens sent, what the target
 * answered, and where the delivery stands. Stored by the core's DeliveryStore, printed by
 * `hooklens replay` / `hooklens deliveries`, shown by the inspector.
 */
import type { BodyEncoding, HeaderPair } from './event'

export type DeliveryKind = 'replay' | 'forward'

/** pending: queued or retrying · delivered: 2xx · failed: answered non-2xx or unreachable
 * (replays; forwards waiting for their next attempt) · dead: a forward that gave up. */
export type DeliveryStatus = 'pending' | 'delivered' | 'failed' | 'dead'

/**
 * What a delivery record keeps of the request it sent. The body is the captured event's (found
 * by `eventId`, checked by `sha256`) and never copied here — only a replay's edited body is
 * stored, once, in the record's first line. That keeps the delivery log small whatever
 * strangers send (issue 12.1).
 */
export interface DeliveryRequest {
  method: string
  url: string
  headers: HeaderPair[]
  size: number
  /** sha256 hex of the body bytes sent. */
  sha256: string
  /** 'event': the captured event's bytes · 'edited': a replay's own body, kept in `body`. */
  bodySource: 'event' | 'edited'
  body?: string
  bodyEncoding?: BodyEncoding
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
  request: DeliveryRequest
  response: ReceivedResponse | null
  latencyMs: number | null
  /** Plain sentences about what was done to the request (re-signed, edited, unsigned, ...). */
  notes: string[]
  /** How many times the delivery was redriven from the dead letters. */
  redrives: number
  /**
   * A forward re-signed at each attempt (fresh timestamp): the scheme and the verifier that
   * judged the event. Decided when queued, from the rule's `resign`.
   */
  resign?: { scheme: string; verifierId: string | null; validVerifierId: string | null } | null
  /**
   * Set when the record is read (listDeliveries): the event it sent was dropped by retention,
   * so its body can no longer be sent; the record itself stays inspectable.
   */
  eventEvicted?: boolean
}
