/**
 * Events of the same subject (an A2A task, an execution, a Stripe object): finding the previous
 * one, and the state transition between them (A2A working → completed). `SubjectIndex` does it
 * in O(1) at capture time; `previousOfSubject` scans a list of summaries.
 */
import type { Classification, EventSummary } from '../../../shared/event'
import { field, nullableField, SnapshotReader, unfield, unnullable } from './snapshot-fields'

/** The same subject means the same platform and subject id. */
export function subjectKey(c: Classification): string | null {
  return c.subject === null || c.subject === undefined || c.subject === ''
    ? null
    : `${c.platform}\u0000${c.subject}`
}

/** The state a classification carries: A2A's normalised stateName, else a status field. */
export function stateOf(c: Classification): string | null {
  const d = c.details ?? {}
  for (const k of ['stateName', 'state', 'status']) {
    if (typeof d[k] === 'string') return d[k] as string
  }
  return null
}

/**
 * The latest event before `target` (list order = arrival order, as the store keeps it) with
 * the same platform and subject, or null.
 */
export function previousOfSubject(
  events: readonly EventSummary[],
  target: EventSummary | string,
): EventSummary | null {
  const idx =
    typeof target === 'string'
      ? events.findIndex((e) => e.id === target)
      : events.findIndex((e) => e.id === target.id)
  const t = typeof target === 'string' ? events[idx] : target
  if (!t) return null
  const key = subjectKey(t.classification)
  if (key === null) return null
  const start = idx >= 0 ? idx - 1 : events.length - 1
  for (let i = start; i >= 0; i--) {
    const e = events[i]
    if (e.id < t.id && subjectKey(e.classification) === key) return e
  }
  return null
}

/**
 * Adds `previousState` / `transition` (e.g. "working → completed") to a classification, given
 * the subject's last known state before this event.
 */
export function withTransition(c: Classification, previousState: string | null): Classification {
  if (previousState === null) return c
  const after = stateOf(c)
  const details: Record<string, unknown> = copyOwn(c.details ?? {})
  details.previousState = previousState
  if (after !== null && after !== previousState) details.transition = `${previousState} → ${after}`
  const out = copyOwn(c)
  out.details = details
  return out
}

/**
 * `{ ...o }` as Object.assign: an object spread of the detectors' details objects (many shapes)
 * measured ~20× slower than Object.assign, and this runs for every event of a subject. Same
 * keys in the same order; an own `__proto__` key (which assign would turn into a prototype)
 * takes the spread.
 */
function copyOwn<T extends object>(o: T): T {
  return Object.hasOwn(o, '__proto__') ? { ...o } : Object.assign({}, o)
}

export interface SubjectObservation {
  /** The previous event of the same subject. */
  previousId: string
  /** The subject's last known state before this event (events without a state skipped). */
  previousState: string | null
}

interface Last {
  id: string
  state: string | null
  answer: SubjectObservation | null
}

/** O(1) per event: remembers the last event and last state of each subject. */
export class SubjectIndex {
  private readonly last = new Map<string, Last>()

  /**
   * Records the event; returns the previous event of its subject, or null when first.
   * Observing the latest event of a subject again (re-classification) repeats its answer.
   */
  observe(e: { id: string; classification: Classification }): SubjectObservation | null {
    const key = subjectKey(e.classification)
    if (key === null) return null
    const prev = this.last.get(key)
    if (prev?.id === e.id) return prev.answer
    const answer = prev ? { previousId: prev.id, previousState: prev.state } : null
    const state = stateOf(e.classification) ?? prev?.state ?? null
    if (prev) {
      // Updated in place (nothing else holds it): no new object per event of a subject.
      prev.id = e.id
      prev.state = state
      prev.answer = answer
    } else this.last.set(key, { id: e.id, state, answer })
    return answer
  }

  clear(): void {
    this.last.clear()
  }

  /** Snapshot lines (analysis-snapshot.ts): subjects whose last event is still stored. */
  *exportLines(kept: (id: string) => boolean): IterableIterator<string> {
    yield '#subjects'
    for (const [key, l] of this.last) {
      if (!kept(l.id)) continue
      const a = l.answer
      const answer = a ? [field(a.previousId), nullableField(a.previousState)] : []
      yield [field(key), field(l.id), nullableField(l.state), ...answer].join('\t')
    }
  }

  /** Replaces the state with a snapshot's (`exportLines`). */
  importSnapshot(r: SnapshotReader): void {
    this.last.clear()
    r.section('subjects')
    while (r.record()) {
      const key = unfield(r.next())
      const id = unfield(r.next())
      const state = unnullable(r.next())
      const answer = r.more()
        ? { previousId: unfield(r.next()), previousState: unnullable(r.next()) }
        : null
      this.last.set(key, { id, state, answer })
    }
  }
}
