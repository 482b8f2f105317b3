/**
 * The replay area's own shapes: what `sendHttp` reports of one exchange. The delivery records
 * the API returns are declared in shared/delivery.ts and re-exported here for the core.
 */
import type { BodyEncoding, HeaderPair } from '../../../shared/event'
import type { ReceivedResponse } from '../../../shared/delivery'

export type {
  Delivery,
  DeliveryKind,
  DeliveryRequest,
  DeliveryStatus,
  ReceivedResponse,
} from '../../../shared/delivery'

export interface SentRequest {
  method: string
  url: string
  /** In the order they were written to the wire (undici adds Host, Content-Length first). */
  headers: HeaderPair[]
  body: string
  bodyEncoding: BodyEncoding
  size: number
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
