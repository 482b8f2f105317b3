/**
 * The time a platform says an update happened, read from the parsed body: A2A
 * `status.timestamp` (inside task / statusUpdate for 1.0, top level for 0.3 snapshots),
 * Agent Gateway's and AgentField's `timestamp`. Used to spot out-of-order deliveries.
 */
import { get, isRec, str } from '../context'

export function eventTime(json: unknown): number | null {
  if (!isRec(json)) return null
  // In order, first parseable wins; asked one by one (no candidates array: this runs per capture).
  return (
    timeOf(get(json, 'statusUpdate', 'status', 'timestamp')) ??
    timeOf(get(json, 'task', 'status', 'timestamp')) ??
    timeOf(get(json, 'status', 'timestamp')) ??
    timeOf(json.timestamp)
  )
}

function timeOf(c: unknown): number | null {
  const s = str(c)
  if (s === undefined) return null
  const t = Date.parse(s)
  return Number.isFinite(t) ? t : null
}

/** "45 s", "2 min", "3 h" — how long ago, for stall messages. */
export function formatAgo(ms: number): string {
  if (ms < 60_000) return `${Math.max(0, Math.round(ms / 1000))} s`
  if (ms < 3_600_000) return `${Math.floor(ms / 60_000)} min`
  return `${Math.floor(ms / 3_600_000)} h`
}
