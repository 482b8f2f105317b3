/**
 * The captured event: Hooklens' public data contract (DESIGN.md "A captured event").
 * `hooklens listen --json`, `events show --json`, the API and exports all speak this shape;
 * field names here are a public interface — add fields, never rename them.
 */

export type HeaderPair = [name: string, value: string]

export type VerificationStatus = 'valid' | 'invalid' | 'missing' | 'unverifiable' | 'none'

/** Structured form of a failed verification's reason, for the UI to render. */
export interface VerificationDiagnosis {
  /** Machine-readable class of the mistake, e.g. 'wrong-secret', 'timestamp', 'body-altered'. */
  kind: string
  /** The one-sentence explanation (also in `reason`). */
  message: string
  /** Class-specific details (seconds off, which transformation, which secret id, ...). */
  details?: Record<string, unknown>
}

export interface Verification {
  scheme: string | null
  status: VerificationStatus
  reason: string
  diagnosis?: VerificationDiagnosis | null
  /** Id of the configured verifier that produced this verdict, when one did. */
  verifierId?: string | null
}

export type IdempotencyStatus = 'first' | 'duplicate' | 'conflict'

export interface Idempotency {
  key: string
  source: string
  status: IdempotencyStatus
  firstId: string
  count: number
  /**
   * Set (true) when retention already dropped the `firstId` event: the first delivery is no
   * longer stored. Computed when read, never written to the log.
   */
  firstEvicted?: boolean
  /** Retry signals seen in headers, e.g. [{header: 'X-Slack-Retry-Num', value: '1'}]. */
  retry?: { header: string; value: string }[]
}

export interface Classification {
  platform: string
  eventType: string | null
  subject: string | null
  /** Extra facts a platform has (agent name, task state, batch size, ...). */
  details?: Record<string, unknown>
}

export type FindingSeverity = 'error' | 'warning' | 'info'

/**
 * Something an agent platform got wrong in this event or in its sequence (Agent lens): a
 * stable machine code (README lists them all), how bad it is, and one sentence saying why.
 */
export interface Finding {
  code: string
  severity: FindingSeverity
  message: string
}

const SEVERITY_ORDER: Record<FindingSeverity, number> = { error: 0, warning: 1, info: 2 }

/** Findings worst first (errors, then warnings, then notes), as every view lists them. */
export function worstFirst(list: readonly Finding[]): Finding[] {
  return [...list].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity])
}

export interface EventResponse {
  status: number
  latencyMs: number
  /** The headers Hooklens set on its answer (rule or default; not Node's own Date/Content-Length). */
  headers?: HeaderPair[]
  /** The answer's body as text, its first 4 KiB (answers are Hooklens' own, not the sender's). */
  body?: string
}

export type BodyEncoding = 'utf8' | 'base64'

/** An event as the contract shows it: everything, including the body. */
export interface CapturedEvent extends EventSummary {
  body: string
  bodyEncoding: BodyEncoding
}

/** An event without its body: what the in-memory index holds and lists return. */
export interface EventSummary {
  id: string
  receivedAt: string
  method: string
  path: string
  query: string
  headers: HeaderPair[]
  size: number
  sha256: string
  remoteAddress: string
  via: 'local' | 'tunnel'
  forwardedFor: string | null
  verification: Verification
  idempotency: Idempotency
  classification: Classification
  response: EventResponse
  /** Set when the receiver refused the request (body too large, source not allowed, ...). */
  rejected?: string | null
  /** Declared Content-Length when the body was not kept (rejected). */
  declaredSize?: number | null
  /** Warnings worth showing next to the event (e.g. near the tunnel's body cap). */
  warnings?: string[]
  /** Conformance and sequence findings (Agent lens); absent when there are none. */
  findings?: Finding[]
}

/** The honest empty values of derived fields, before any analysis ran. */
export function emptyVerification(): Verification {
  return { scheme: null, status: 'none', reason: 'no verifier configured' }
}

export function emptyClassification(): Classification {
  return { platform: 'unknown', eventType: null, subject: null }
}

/** Case-insensitive header lookup: one helper for everyone (shared/headers.ts). */
export { headerValue } from './headers'
