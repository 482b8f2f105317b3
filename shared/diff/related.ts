/**
 * The two automatic comparisons the inspector offers for an event, as `changesSincePrevious`
 * returns them; computed by electron/core/inspect/related-diffs.ts.
 */
import type { EventDiff } from './event-diff'

export interface RelatedDiffs {
  id: string
  /** The previous event of the same platform + subject, and the diff from it to this one. */
  previous: { id: string; diff: EventDiff } | null
  /** For a duplicate or conflict: the first event with the same key, and the diff from it. */
  first: { id: string; status: 'duplicate' | 'conflict'; diff: EventDiff } | null
}
