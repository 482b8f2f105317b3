/**
 * Internal types shared by the signature schemes, the diagnosis and the orchestration in
 * verify-request.ts. The public surface (VerifierConfig, VerifyInput, ...) is in index.ts.
 */
import type { KeyObject } from 'node:crypto'
import type { HeaderPair } from '../../../shared/event'
import type { StoredVerifier } from '../../../shared/settings'

/** A verifier as configured in settings (or on the command line): the contract's shape. */
export type VerifierConfig = StoredVerifier

export interface VerifyInput {
  method: string
  /** Full URL the local receiver saw, e.g. http://127.0.0.1:9000/a2a?x=1 */
  url: string
  /** The same request's URL on the public tunnel, when it came through one. */
  publicUrl?: string | null
  headers: HeaderPair[]
  body: Buffer
  receivedAt: Date
}

export interface VerifyLogger {
  debug?(msg: string, data?: Record<string, unknown>): void
  warn?(msg: string, data?: Record<string, unknown>): void
}

/** Fetches a JWKS document by URL; implementations cache (see jwks.ts). */
export interface JwksProvider {
  getKey(url: string, kid: string | undefined): Promise<KeyObject | null>
}

export interface VerifyContext {
  jwks?: JwksProvider
  logger?: VerifyLogger
}

/** What a signature is checked against; diagnosis varies these. */
export interface Content {
  body: Buffer
  url: string
  method: string
}

/** Signature material read from a request. Scheme-specific fields go in `data`. */
export interface Extracted {
  /** Signature values without prefixes, as sent (one per rotation entry). */
  signatures: string[]
  /** Unix seconds the sender claims (may be fractional), when the scheme has one. */
  timestamp?: number
  /** Unix seconds after which the signature is no longer valid (a JWT's exp). */
  expires?: number
  /** The header (or body field) the signature came from, for sentences. */
  source: string
  data?: Record<string, unknown>
}

/** A problem found while reading the request: the header exists but cannot be used. */
export interface ExtractProblem {
  problem: string
}

export type KeyMaterial = Buffer | KeyObject | string | JwtKeySource

/** a2a-jwt keys: an inline key set or a JWKS URL resolved through the context. */
export interface JwtKeySource {
  kind: 'jwks'
  keys?: Map<string | undefined, KeyObject>
  url?: string
}

export interface CheckResult {
  ok: boolean
  /** Set when the signature itself is right but something it covers is not. */
  problem?: { kind: string; message: string; details?: Record<string, unknown> }
}

/** An alternative way of turning a secret into a key, tried by the diagnosis. */
export interface KeyVariant {
  key: KeyMaterial
  /** e.g. 'used as raw text instead of base64-decoded after whsec_' */
  describe: string
  variant: string
}

export interface Scheme {
  id: string
  label: string
  /** Headers whose presence signals this scheme, lower case, catalog order. */
  headers: string[]
  /** How signatures are written (HMAC schemes), for sentences. */
  encoding?: string
  /** The signed content includes the raw body (body diagnosis applies). */
  signsBody: boolean
  /** The signed content includes the URL (URL diagnosis applies). */
  usesUrl?: boolean
  /** Default tolerance in seconds; undefined: the scheme has no timestamp check. */
  tolerance?: number
  /** 'past': only stale timestamps fail; 'both': future ones too. */
  direction?: 'past' | 'both'
  /** How the key is derived, for sentences ("the whole whsec_ string as text"). */
  keyDescription: string
  /** Appended to a valid verdict (e.g. what the signature does not cover). */
  caveat?: string
  /** A compared credential, not a computed signature (changes the wording). */
  token?: boolean
  extract(
    headers: HeaderPair[],
    body: Buffer,
    options: Record<string, unknown>,
  ): Extracted | ExtractProblem | null
  key(secret: string, options: Record<string, unknown>): KeyMaterial
  keyVariants?(secret: string, options: Record<string, unknown>): KeyVariant[]
  /** For the diagnosis: the encoding (e.g. 'base64') under which the right MAC was sent, if another. */
  otherEncoding?(ex: Extracted, key: KeyMaterial, content: Content): string | null
  check(
    ex: Extracted,
    key: KeyMaterial,
    content: Content,
    ctx: VerifyContext,
    options: Record<string, unknown>,
  ): CheckResult | Promise<CheckResult>
}

/** A secret the scheme cannot use (bad JWKS, bad public key); the message never has the secret. */
export class KeyError extends Error {}
