/**
 * The analysis steps of a captured request — verification, classification, idempotency —
 * behind one small interface, so the capture pipeline stays the same while each analysis
 * lives in its own module (electron/core/verify, electron/core/inspect).
 */
import type {
  Classification,
  Finding,
  HeaderPair,
  Idempotency,
  Verification,
} from '../../../shared/event'
import type { LensSettings, RegistrationFact, Stall } from '../inspect/lens'
import { emptyClassification, emptyVerification } from '../../../shared/event'
import type { StoredVerifier } from '../settings/settings-types'
import type { SnapshotReader } from '../inspect/snapshot-fields'
import type { DigestOf } from '../inspect/idempotency-index'

export interface AnalysisInput {
  id: string
  receivedAt: Date
  method: string
  path: string
  query: string
  headers: HeaderPair[]
  body: Buffer
  sha256: string
  /** The URL the local receiver saw, e.g. http://127.0.0.1:9000/hooks?x=1. */
  url: string
  /** The same request's URL on the public tunnel, when it came through one. */
  publicUrl: string | null
}

export interface Analyzers {
  verify(input: AnalysisInput, verifiers: StoredVerifier[]): Promise<Verification>
  classify(input: AnalysisInput): Classification
  /** Key + duplicate status; `observe` records the event so later ones see it. */
  idempotency(input: AnalysisInput, classification: Classification): Idempotency
  /** Rebuilds duplicate (and sequence) state from a stored event at start-up (no body needed). */
  replayIdempotency(e: {
    id: string
    sha256: string
    idempotency: Idempotency
    classification?: Classification
    receivedAt?: string
    findings?: Finding[]
  }): void
  /** Forgets events retention dropped, so duplicate state stays bounded. */
  forgetIdempotency?(ids: string[]): void
  clearIdempotency(): void
  /**
   * The state `replayIdempotency` rebuilds, as snapshot lines (analysis-snapshot.ts) holding
   * only events `kept` says are stored; `importSnapshot` loads them instead of a replay (reading
   * a stored event's digest with `digestOf` when it needs one) and throws on a damaged snapshot. Analyzers without state leave both out.
   */
  exportSnapshot?(kept: (id: string) => boolean): IterableIterator<string>
  importSnapshot?(snapshot: SnapshotReader, digestOf: DigestOf): void
  /** Agent lens: conformance and sequence findings for a captured event. */
  findings?(
    input: AnalysisInput,
    derived: { classification: Classification; idempotency: Idempotency },
    lens: LensContext,
  ): Finding[]
  /** Agent lens: subjects that stopped updating (each reported once). */
  stalls?(now: number, settings: LensSettings): Stall[]
}

/** What the Agent lens needs besides the request: settings and what share a2a registered. */
export interface LensContext {
  settings: LensSettings
  registration: RegistrationFact | null
}

/** Analyzers that compute nothing: the honest empty values of the contract. */
export function emptyAnalyzers(): Analyzers {
  return {
    verify: async () => emptyVerification(),
    classify: () => emptyClassification(),
    idempotency: (input) => ({
      key: input.sha256,
      source: 'sha256',
      status: 'first',
      firstId: input.id,
      count: 1,
    }),
    replayIdempotency: () => undefined,
    clearIdempotency: () => undefined,
  }
}
