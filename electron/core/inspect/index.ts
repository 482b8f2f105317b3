/**
 * Inspect: platform classification, idempotency keys, duplicate/conflict detection, retry
 * signals, query matching and same-subject helpers. Plain functions and small classes; the
 * composition root feeds them captured events.
 */
export { classify, classifyContext } from './classify'
export type { ClassifyInput } from './context'
export { a2aStateName } from './platforms/a2a'
export {
  idempotencyKey,
  KEY_HEADERS,
  type IdempotencyKey,
  type IdempotencyKeyInput,
} from './idempotency-key'
export { retrySignals } from './retry-signals'
export { IdempotencyIndex, type IdempotencyVerdict } from './idempotency-index'
export { matchesQuery, matchesPath, globToRegExp } from './query'
export {
  previousOfSubject,
  SubjectIndex,
  stateOf,
  subjectKey,
  withTransition,
  type SubjectObservation,
} from './subjects'
export { inspectEvent, type InspectInput, type InspectResult } from './inspect-event'
export { relatedDiffs, type EventSource, type RelatedDiffs } from './related-diffs'
export { createInspectAnalyzers, type InspectAnalyzers } from './analyzers'
