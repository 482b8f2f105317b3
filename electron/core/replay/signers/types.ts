/** The shape every scheme signer has (see schemes.ts for the table). */
import type { HeaderPair } from '../../../../shared/event'

export interface SignContext {
  method: string
  /** Headers as they will be sent (hop-by-hop already removed, edits applied). */
  headers: HeaderPair[]
  body: Buffer
  secret: string
  /** Unix seconds to stamp into the signature. */
  nowSec: number
  /** Give the message a new id instead of keeping the captured one. */
  newId: boolean
  /** The URL the request goes to (Square signs it). */
  url: string
  /** Scheme options from the verifier (generic hmac: header, algorithm, ...). */
  options?: Record<string, unknown>
}

export interface SignResult {
  headers: HeaderPair[]
  notes: string[]
}

export interface Signer {
  scheme: string
  /** Whether the scheme carries a timestamp a handler checks for freshness. */
  timestamped: boolean
  sign(ctx: SignContext): SignResult
}

/** A configured verifier, as settings hold it (structurally electron/core/verify's config). */
export interface VerifierLike {
  id: string
  scheme: string
  secrets: string[]
  name?: string
  path?: string
  options?: Record<string, unknown>
}
