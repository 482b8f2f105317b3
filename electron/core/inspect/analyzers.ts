/**
 * The inspect steps shaped for the composition root's Analyzers (electron/core/hooklens):
 * classify (with the state transition since the subject's previous event), idempotency key +
 * duplicate/conflict verdict + retry signals, and the start-up replay that rebuilds both
 * indexes from stored events without reading their bodies.
 */
import type { SnapshotReader } from './snapshot-fields'
import type { Classification, HeaderPair, Idempotency } from '../../../shared/event'
import { classify } from './classify'
import { IdempotencyIndex, type DigestOf } from './idempotency-index'
import { idempotencyKey } from './idempotency-key'
import { retrySignals } from './retry-signals'
import { SubjectIndex, withTransition } from './subjects'

export interface InspectAnalyzers {
  classify(input: {
    id: string
    method: string
    path: string
    headers: HeaderPair[]
    body: Buffer
  }): Classification
  idempotency(
    input: {
      id: string
      method?: string
      path?: string
      query?: string
      headers: HeaderPair[]
      body: Buffer
      sha256: string
    },
    classification: Classification,
  ): Idempotency
  /** Feed stored events oldest first at start-up; pass the classification to restore transitions. */
  replayIdempotency(e: {
    id: string
    sha256: string
    idempotency: Idempotency
    classification?: Classification
  }): void
  /** Forgets events retention dropped (their keys stay while a later event has them). */
  forgetIdempotency(ids: string[]): void
  clearIdempotency(): void
  /** Snapshot lines of the duplicate and subject state (analysis-snapshot.ts), and back. */
  exportLines(kept: (id: string) => boolean): IterableIterator<string>
  importSnapshot(snapshot: SnapshotReader, digestOf?: DigestOf): void
  readonly index: IdempotencyIndex
  readonly subjects: SubjectIndex
}

export function createInspectAnalyzers(): InspectAnalyzers {
  const index = new IdempotencyIndex()
  const subjects = new SubjectIndex()
  return {
    index,
    subjects,
    classify(input) {
      const base = classify(input)
      const prev = subjects.observe({ id: input.id, classification: base })
      return withTransition(base, prev?.previousState ?? null)
    },
    idempotency(input, classification) {
      // Named fields rather than spreads of the input: this runs on every capture.
      const { key, source } = idempotencyKey({
        headers: input.headers,
        body: input.body,
        classification,
        sha256: input.sha256,
        method: input.method,
        path: input.path,
        query: input.query,
      })
      const verdict = index.observe({ id: input.id, key, sha256: input.sha256 })
      // Field order is the stored line's: key, source, status, firstId, count[, retry].
      const out: Idempotency = {
        key,
        source,
        status: verdict.status,
        firstId: verdict.firstId,
        count: verdict.count,
      }
      const retry = retrySignals(input.headers)
      if (retry.length > 0) out.retry = retry
      return out
    },
    replayIdempotency(e) {
      index.restore({ id: e.id, key: e.idempotency.key, sha256: e.sha256 }, e.idempotency)
      if (e.classification) subjects.observe({ id: e.id, classification: e.classification })
    },
    forgetIdempotency(ids) {
      index.forget(ids)
    },
    clearIdempotency() {
      index.clear()
      subjects.clear()
    },
    *exportLines(kept) {
      yield* index.exportLines(kept)
      yield* subjects.exportLines(kept)
    },
    importSnapshot(snapshot, digestOf) {
      index.importSnapshot(snapshot, digestOf)
      subjects.importSnapshot(snapshot)
    },
  }
}
