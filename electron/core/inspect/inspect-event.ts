/**
 * The whole inspect step for one event, in the order the composition root needs it: classify,
 * note the state transition since the previous event of the same subject, derive the
 * idempotency key, flag duplicate/conflict, collect retry signals. Feed stored events through
 * it in order at start-up to rebuild both indexes.
 */
import type { Classification, HeaderPair, Idempotency } from '../../../shared/event'
import { classify } from './classify'
import { IdempotencyIndex } from './idempotency-index'
import { idempotencyKey } from './idempotency-key'
import { retrySignals } from './retry-signals'
import { SubjectIndex, withTransition } from './subjects'

export interface InspectInput {
  id: string
  method: string
  path: string
  query?: string
  headers: HeaderPair[]
  body: Buffer
  sha256: string
}

export interface InspectResult {
  classification: Classification
  idempotency: Idempotency
  /** Id of the previous event of the same subject, when there is one. */
  previousOfSubject: string | null
}

export function inspectEvent(
  e: InspectInput,
  indexes: { idempotency: IdempotencyIndex; subjects: SubjectIndex },
): InspectResult {
  const base = classify(e)
  const prev = indexes.subjects.observe({ id: e.id, classification: base })
  const classification = withTransition(base, prev?.previousState ?? null)
  const { key, source } = idempotencyKey({ ...e, classification })
  const verdict = indexes.idempotency.observe({ id: e.id, key, sha256: e.sha256 })
  const idempotency: Idempotency = { key, source, ...verdict }
  const retry = retrySignals(e.headers)
  if (retry.length > 0) idempotency.retry = retry
  return { classification, idempotency, previousOfSubject: prev?.previousId ?? null }
}
