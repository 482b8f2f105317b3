/**
 * What the receiver hands to the rest of the core for every request: the exact bytes and
 * headers as they arrived, before any analysis.
 */
import type { HeaderPair } from '../../../shared/event'

export interface RawRequest {
  receivedAt: Date
  method: string
  /** Path without the query string, exactly as received (not decoded). */
  path: string
  /** Query string without '?', '' when none. */
  query: string
  /** Raw headers in arrival order, original case, duplicates kept. */
  headers: HeaderPair[]
  body: Buffer
  remoteAddress: string
  via: 'local' | 'tunnel'
  forwardedFor: string | null
  /** Why the receiver refused the request, when it did (the body is then not kept). */
  rejected?: string
  /** The status a receiver-side rejection answers with (408 for a slow body); default 413. */
  rejectStatus?: number
  declaredSize?: number
}
