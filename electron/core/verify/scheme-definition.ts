/**
 * The shape of one signature scheme's single definition (one file per scheme under schemes/):
 * how it verifies, how it signs a replayed or forwarded request, how it is auto-detected and
 * which platform its headers point to. The verify registry, the replay signers and the
 * inspector's header detection are all derived from the list of these (schemes/index.ts), so
 * a scheme cannot be known to one of them and missing from another.
 */
import type { HeaderPair } from '../../../shared/event'
import { hasHeader } from '../../../shared/headers'
import type { ClassifyContext, Rec } from '../inspect/context'
import type { Scheme } from './types'

/** What a signer is given (replay and forward build it the same way). */
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

export interface SchemeSigning {
  /** Whether the fresh signature carries a timestamp a handler checks for freshness. */
  timestamped: boolean
  sign(ctx: SignContext): SignResult
}

/** A scheme Hooklens recognises but cannot sign, and the one-sentence reason. */
export interface Unsignable {
  unsignable: string
}

/**
 * How auto-detection finds the scheme: a test over the request (run in list order, first match
 * wins), `{as}` when the scheme shares another's headers and detection names that one, or
 * null when it is never auto-detected (the generic hmac, configured by its header option).
 */
export type Detection = ((headers: HeaderPair[], body?: Buffer) => boolean) | { as: string } | null

type DetectTest = (headers: HeaderPair[], body?: Buffer) => boolean

/**
 * A detection test that can pass only when one of `names` is present (any case), and then
 * when `test` (if given) passes too. The registry reads `names` to skip the test for requests
 * without any of them: auto-detection runs on every capture, and most requests carry none of
 * the ~25 schemes' headers.
 */
export interface HeaderGatedTest extends DetectTest {
  readonly gate: { names: readonly string[]; test: DetectTest | null }
}

export function whenHeader(names: readonly string[], test?: DetectTest): HeaderGatedTest {
  const present = (h: HeaderPair[]): boolean => names.some((n) => hasHeader(h, n))
  const detect = test
    ? (h: HeaderPair[], body?: Buffer) => present(h) && test(h, body)
    : (h: HeaderPair[]) => present(h)
  return Object.assign(detect, { gate: { names, test: test ?? null } })
}

/** The platform a scheme's headers reveal, for classification (inspect/platforms/by-header). */
export interface PlatformHint {
  platform: string
  /** Any of these present names the platform; default: the scheme's own headers. */
  headers?: string[]
  /** Instead of headers: a test over the parsed request (Mailgun signs inside the body). */
  matches?(ctx: ClassifyContext): boolean
  eventType?(ctx: ClassifyContext, body: Rec): string | undefined
  subject?(body: Rec): string | undefined
}

export interface SchemeDefinition {
  id: string
  /** How it verifies; the generic hmac builds its verifier from the verifier's options. */
  verifier: Scheme | ((options: Record<string, unknown>) => Scheme)
  /** How it signs a replay or forward afresh, or why it cannot. */
  signing: SchemeSigning | Unsignable
  detect: Detection
  /**
   * Schemes sharing key material and wire format name one family id: a secret configured for
   * one of them signs the others (svix, clerk and resend are Standard Webhooks).
   */
  family?: string
  /** Set only where the inspector's dedicated platform detectors do not already cover it. */
  platform?: PlatformHint
}

export function isUnsignable(s: SchemeSigning | Unsignable): s is Unsignable {
  return 'unsignable' in s
}
