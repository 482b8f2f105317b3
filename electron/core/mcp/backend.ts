/**
 * What the MCP tools call: the API subset they need, from whichever Hooklens is available —
 * the running instance's control API ("live") or the data dir's event log ("read-only") —
 * re-chosen on every call, so starting or stopping `hooklens listen` while the agent's MCP
 * server runs just works.
 */
import type { ApiArg, DecodedBody, EventQuery, StatusInfo, TunnelStatus } from '../../../shared/api'
import type { CapturedEvent, EventSummary } from '../../../shared/event'
import type { Delivery } from '../replay/types'
import type { ShareSnippets } from '../share/snippets'
import type { RuntimeInfo } from '../share/runtime-info'

export type BackendMode = 'live' | 'read-only'

export interface BackendStatus {
  mode: BackendMode
  /** A Hooklens (desktop app or listen) runs on the data dir. */
  running: boolean
  dataDir: string
  receiverUrl: string | null
  publicUrl: string | null
  tunnel: TunnelStatus | null
  eventCount: number
  paused?: boolean
  note: string
}

/** `replayEvent`'s argument, as the API contract names it. */
export type ReplayArg = ApiArg<'replayEvent'>

export interface McpBackend {
  readonly mode: BackendMode
  status(): Promise<BackendStatus>
  listEvents(query: EventQuery): Promise<EventSummary[]>
  getEvent(id: string): Promise<CapturedEvent | null>
  getDecodedBody(id: string): Promise<DecodedBody | null>
  diffEvents(a: string, b: string): Promise<unknown>
  changesSincePrevious(id: string): Promise<unknown>
  listDeliveries(arg: { eventId?: string; status?: string; limit?: number }): Promise<Delivery[]>
  replayEvent(arg: ReplayArg): Promise<Delivery>
  redrive(arg: { id?: string; all?: boolean }): Promise<{ redriven: number }>
  shareSnippets(path?: string): Promise<ShareSnippets>
  /**
   * Resolves when an event matching `query` (with `afterId` set) is captured — or one already
   * was — or with null when `signal` aborts (timeout or cancellation).
   */
  waitForEvent(query: EventQuery, signal: AbortSignal): Promise<EventSummary | null>
  close(): Promise<void>
}

/** Thrown by tools that need the running Hooklens when only the data dir is there. */
export class NeedsReceiver extends Error {}

export function statusFromApi(s: StatusInfo): BackendStatus {
  return {
    mode: 'live',
    running: true,
    dataDir: s.dataDir,
    receiverUrl: s.receiverUrl,
    publicUrl: s.publicUrl,
    tunnel: s.tunnel,
    eventCount: s.eventCount,
    paused: s.paused,
    note: 'connected to the running Hooklens through its control API',
  }
}

export function statusFromRuntime(
  dataDir: string,
  info: RuntimeInfo | null,
  eventCount: number,
): BackendStatus {
  return {
    mode: 'read-only',
    running: info !== null,
    dataDir,
    receiverUrl: info?.receiverUrl ?? null,
    publicUrl: info?.publicUrl ?? null,
    tunnel: info?.tunnel ?? null,
    eventCount,
    note: info
      ? 'a Hooklens runs on this data dir but serves no control API (desktop app, or `hooklens listen --no-ui`): events are read from the log; redrive is unavailable'
      : 'no Hooklens is running on this data dir: events are read from the log; start `hooklens listen` (or the desktop app) to receive webhooks',
  }
}
