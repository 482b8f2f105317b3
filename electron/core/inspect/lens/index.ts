/**
 * The Agent lens: conformance findings per event (what a platform got wrong in this request)
 * plus sequence findings per subject (what went wrong over time), and stall detection. The
 * composition root calls `findings` at capture, `replay` for stored events at start-up and
 * `stalls` on a timer with its own clock.
 */
import type { Classification, Finding, HeaderPair } from '../../../../shared/event'
import { parseJson } from '../context'
import { conformanceFindings } from './conformance'
import { eventTime } from './event-time'
import type { SnapshotReader } from '../snapshot-fields'
import { SequenceTracker, type LensSettings, type Stall } from './sequence-tracker'
import type { RegistrationFact } from './types'

export { DEFAULT_LENS_SETTINGS, SequenceTracker, nounOf } from './sequence-tracker'
export type { LensSettings, Stall, SequenceEvent } from './sequence-tracker'
export type { RegistrationFact, A2AProtocol } from './types'
export { conformanceFindings } from './conformance'
export { eventTime, formatAgo } from './event-time'
export { batchItems, type BatchItem, type BatchItems } from './batch-items'
export { buildTimeline, type Timeline, type TimelineEntry } from './timeline'

export interface LensInput {
  id: string
  receivedAt: Date
  method: string
  path: string
  headers: HeaderPair[]
  body: Buffer
  classification: Classification
  idempotency: { key: string; status: string }
  registration: RegistrationFact | null
}

export interface AgentLens {
  findings(input: LensInput, settings: LensSettings): Finding[]
  replay(e: {
    id: string
    receivedAt?: string
    classification?: Classification
    idempotency: { key: string; status: string }
    findings?: Finding[]
  }): void
  stalls(now: number, settings: LensSettings): Stall[]
  clear(): void
  /** Snapshot lines of what `replay` rebuilds (analysis-snapshot.ts), and loading them back. */
  exportLines(kept: (id: string) => boolean): IterableIterator<string>
  importSnapshot(snapshot: SnapshotReader): void
}

export function createAgentLens(): AgentLens {
  const tracker = new SequenceTracker()
  return {
    findings(input, settings) {
      const conformance = conformanceFindings(input)
      const sequence = tracker.observe(
        {
          id: input.id,
          receivedAt: input.receivedAt.getTime(),
          classification: input.classification,
          idempotency: input.idempotency,
          bodyTime: eventTime(parseJson(input.body)),
        },
        settings,
      )
      // Most events have neither: no new array then.
      return conformance.length === 0 ? sequence : [...conformance, ...sequence]
    },
    replay(e) {
      if (!e.classification || !e.receivedAt) return
      tracker.replay({
        id: e.id,
        receivedAt: Date.parse(e.receivedAt),
        classification: e.classification,
        idempotency: e.idempotency,
        findings: e.findings,
      })
    },
    stalls: (now, settings) => tracker.stalls(now, settings),
    clear: () => tracker.clear(),
    exportLines: (kept) => tracker.exportLines(kept),
    importSnapshot: (snapshot) => tracker.importSnapshot(snapshot),
  }
}
