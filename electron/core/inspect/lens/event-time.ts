/**
 * The time a platform says an update happened, read from the parsed body: A2A
 * `status.timestamp` (inside task / statusUpdate for 1.0, top level for 0.3 snapshots),
 * Agent Gateway's and AgentField's `timestamp`. Used to spot out-of-order deliveries.
 */
import { get, isRec, str } from '../context'

export function eventTime(json: unknown): number | null {
  if (!isRec(json)) return null
  const candidates = [
    get(json, 'statusUpdate', 'status', 'timestamp'),
    get(json, 'task', 'status', 'timestamp'),
    get(json, 'status', 'timestamp'),
    json.timestamp,
  ]
  for (const c of candidates) {
    const s = str(c)
    if (s === undefined) continue
    const t = Date.parse(s)
    if (Number.isFinite(t)) return t
  }
  return null
}

/** "45 s", "2 min", "3 h" — how long ago, for stall messages. */
export function formatAgo(ms: number): string {
  if (ms < 60_000) return `${Math.max(0, Math.round(ms / 1000))} s`
  if (ms < 3_600_000) return `${Math.floor(ms / 60_000)} min`
  return `${Math.floor(ms / 3_600_000)} h`
}
