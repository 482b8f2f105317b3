/**
 * A subject's timeline for the inspector: its events oldest first with the state each one
 * carries, state changes, artifacts, redeliveries, the gap since the previous event, the
 * findings each raised, and whether the subject is finished, waiting or stalled.
 */
import type { SubjectTimeline } from '../../../../shared/api'
import type { EventSummary } from '../../../../shared/event'
import { stateOf } from '../subjects'
import { nounOf } from './sequence-tracker'

/** The contract's shapes (shared/api.ts `SubjectTimeline`): served as they are. */
export type Timeline = SubjectTimeline
export type TimelineEntry = SubjectTimeline['entries'][number]

const TERMINAL = new Set([
  'completed',
  'failed',
  'canceled',
  'rejected',
  'succeeded',
  'error',
  'timeout',
  'cancelled',
  'on_complete',
  'on_error',
  'on_timeout',
])

function kindOf(e: EventSummary, changed: boolean): TimelineEntry['kind'] {
  if (e.idempotency.status !== 'first') return 'retry'
  const t = e.classification.eventType ?? ''
  if (/artifact/i.test(t)) return 'artifact'
  if (t === 'message') return 'message'
  return changed ? 'state' : 'update'
}

/** `events`: the subject's events, oldest first. */
export function buildTimeline(events: EventSummary[]): Timeline | null {
  if (events.length === 0) return null
  const first = events[0].classification
  let state: string | null = null
  let finished = false
  let prevAt: number | null = null
  const entries = events.map((e) => {
    const s = stateOf(e.classification)
    const changed = s !== null && s !== state
    if (s !== null) state = s
    const at = Date.parse(e.receivedAt)
    const terminalEvent = e.classification.eventType ?? ''
    if ((s !== null && TERMINAL.has(s)) || TERMINAL.has(terminalEvent)) finished = true
    const entry: TimelineEntry = {
      id: e.id,
      receivedAt: e.receivedAt,
      eventType: e.classification.eventType,
      state: s,
      kind: kindOf(e, changed),
      gapMs: prevAt === null ? null : at - prevAt,
      findings: e.findings ?? [],
    }
    prevAt = at
    return entry
  })
  const last = entries[entries.length - 1]
  const stalled = last.findings.some((f) => f.code === 'stalled')
  return {
    platform: first.platform,
    subject: first.subject ?? '',
    noun: nounOf(first.platform),
    state,
    status: finished ? 'finished' : stalled ? 'stalled' : 'open',
    entries,
  }
}
