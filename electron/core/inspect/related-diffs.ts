/**
 * The two automatic comparisons the inspector offers for an event: "changes since the previous
 * event of the same subject" (an A2A task going working → completed) and "how this duplicate or
 * conflict differs from the first delivery with its key". Reads through a store-like source.
 */
import type { CapturedEvent, EventSummary } from '../../../shared/event'
import type { RelatedDiffs } from '../../../shared/diff'
import { previousOfSubject } from './subjects'

export type { RelatedDiffs } from '../../../shared/diff'

export interface EventSource {
  /** All stored events, oldest first. */
  list(): EventSummary[]
  getFull(id: string): Promise<CapturedEvent | null>
}

export async function relatedDiffs(src: EventSource, id: string): Promise<RelatedDiffs | null> {
  const current = await src.getFull(id)
  if (!current) return null
  // Loaded on first use: the diff libraries would otherwise load with every `hooklens listen`.
  const { diffEvents } = await import('../../../shared/diff')
  const prevSummary = previousOfSubject(src.list(), current)
  const prev = prevSummary ? await src.getFull(prevSummary.id) : null
  const idem = current.idempotency
  const isRepeat = idem && idem.status !== 'first' && idem.firstId !== current.id
  const first = isRepeat ? await src.getFull(idem.firstId) : null
  return {
    id: current.id,
    previous: prev ? { id: prev.id, diff: diffEvents(prev, current) } : null,
    first:
      first && isRepeat
        ? {
            id: first.id,
            status: idem.status as 'duplicate' | 'conflict',
            diff: diffEvents(first, current),
          }
        : null,
  }
}
