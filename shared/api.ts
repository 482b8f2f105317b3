/**
 * The Hooklens API, declared once. The core implements it (electron/core/hooklens), the
 * desktop exposes it over IPC (one handler per method, generated from `API_METHODS`), the
 * browser inspector over `POST /api/<method>` + SSE. Every method takes one JSON argument
 * and returns JSON; pushed events are `{type, payload}`.
 */
import type { Delivery } from './delivery'
import type { EventDiff, RelatedDiffs } from './diff'
import type { CapturedEvent, EventSummary, Finding } from './event'
import type { ApiSettings, SchemeInfo, StoredVerifier } from './settings'
import type { ShareSnippets } from './snippets'

export { ApiError } from './api-error'
export type { Delivery, DeliveryStatus, DeliveryKind } from './delivery'
export type { ApiSettings, SchemeInfo, Settings, StoredVerifier } from './settings'
export type { ShareSnippet, ShareSnippets } from './snippets'

export interface EventQuery {
  subject?: string
  platform?: string
  eventType?: string
  /** Idempotency status: 'first' | 'duplicate' | 'conflict'. */
  idempotency?: string
  /** Verification status: 'valid' | 'invalid' | 'missing' | 'unverifiable' | 'none'. */
  verification?: string
  /** Path prefix or glob (`/hooks/*`). */
  path?: string
  /** Case-insensitive text search over method, path, headers, classification and body text. */
  text?: string
  limit?: number
  /** Only events received after this id (for incremental loading). */
  afterId?: string
  /** Only events received before this id (the inspector pages back through a long history). */
  beforeId?: string
}

export interface DecodedBody {
  /** 'identity' when the body was not compressed. */
  encoding: string
  body: string
  bodyEncoding: 'utf8' | 'base64'
  size: number
  truncated: boolean
  /** Set when decoding stopped at the cap because the ratio looks like a decompression bomb. */
  bomb: boolean
  error?: string
}

export interface StatusInfo {
  receiverUrl: string
  receiverPort: number
  publicUrl: string | null
  tunnel: TunnelStatus
  eventCount: number
  dataDir: string
  paused: boolean
  version: string
  /** Desktop only: whether secrets are encrypted at rest; `note` explains when they are not. */
  secretStorage?: { encrypted: boolean; note: string }
}

export type TunnelState = 'disabled' | 'connecting' | 'online' | 'reconnecting' | 'offline'

export interface TunnelStatus {
  state: TunnelState
  url: string | null
  reason: string
  /** Set when the URL changed since the last online state: agents must be re-pointed. */
  previousUrl?: string | null
  since: string
}

/** Agent lens: a subject that stopped updating before a terminal state. */
export interface SubjectStall {
  platform: string
  subject: string
  /** 'task' (A2A) or 'execution'. */
  noun: string
  state: string
  lastEventId: string
  lastUpdateAt: string
  idleMs: number
  /** e.g. "task t-1 stalled: last update 'working' 2 min ago". */
  message: string
}

/** Agent lens: one subject's events as a timeline. */
export interface SubjectTimeline {
  platform: string
  subject: string
  noun: string
  state: string | null
  status: 'finished' | 'stalled' | 'open'
  entries: {
    id: string
    receivedAt: string
    eventType: string | null
    state: string | null
    kind: 'state' | 'artifact' | 'message' | 'retry' | 'update'
    gapMs: number | null
    findings: Finding[]
  }[]
}

/** Any value JSON.parse yields: what a sender put in a body. */
export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue }

/** An AgentField observability batch's items (filtered when asked). */
export interface BatchItemsView {
  batchId: string | null
  eventCount: number | null
  total: number
  items: {
    index: number
    eventType: string | null
    executionId: string | null
    workflowId: string | null
    timestamp: string | null
    source: string | null
    /** The batch entry as the sender wrote it. */
    item: JsonValue
  }[]
}

/** What Hooklens registered with an A2A agent (`share a2a`); never holds the token. */
export interface A2ARegistrationView {
  id: string
  agentUrl: string
  agentName: string
  rpcUrl: string
  taskId: string
  path: string
  /** The webhook URL registered with the agent. */
  url: string
  protocol: '1.0' | '0.3'
  configId: string | null
  verifierId: string
  /** The token header the agent's SDK sends (X-A2A-Notification-Token unless told). */
  tokenHeader?: string
  /** Registered at the tunnel's URL: re-registered when that URL changes. */
  followTunnel?: boolean
  registeredAt: string
}

export interface A2AAgentCheck {
  agentName: string
  cardUrl: string
  /** The protocol Hooklens would register with. */
  protocol: '1.0' | '0.3' | null
  pushNotifications: boolean
  /** Why registration cannot work, when it cannot (no push support, no JSON-RPC interface). */
  problem: string | null
}

export interface ShareA2AArg {
  agentUrl: string
  taskId: string
  path?: string
  protocol?: '1.0' | '0.3'
  /** The token header the agent's SDK sends, when not X-A2A-Notification-Token (Go). */
  tokenHeader?: string
  /** Headers for the agent's own auth; used for this call only, never stored. */
  headers?: Record<string, string>
  /** Register this URL instead of the tunnel's (e.g. a reverse proxy, or loopback tests). */
  publicUrl?: string
}

/** Method name → [argument, result]. Results are plain JSON. */
export interface ApiMethods {
  getStatus: [Record<string, never>, StatusInfo]
  listEvents: [EventQuery, EventSummary[]]
  getEvent: [{ id: string }, CapturedEvent | null]
  getDecodedBody: [{ id: string }, DecodedBody | null]
  clearEvents: [Record<string, never>, { cleared: number }]
  setCapturePaused: [{ paused: boolean }, { paused: boolean }]
  exportEvents: [
    { format: 'har' | 'json' | 'curl'; ids?: string[] },
    { filename: string; mime: string; content: string },
  ]
  diffEvents: [{ a: string; b: string }, EventDiff]
  /** Null when there is no such event. */
  changesSincePrevious: [{ id: string }, RelatedDiffs | null]
  /** Settings with every secret masked, and the session's verifiers. */
  getSettings: [Record<string, never>, ApiSettings]
  /** `verifiers` in the patch is ignored (they have their own methods); answers masked. */
  updateSettings: [{ patch: Record<string, unknown> }, ApiSettings]
  addVerifier: [
    {
      scheme: string
      secrets: string[]
      path?: string
      tolerance?: number
      options?: Record<string, unknown>
      name?: string
    },
    /** The stored verifier, secrets masked; null if validation dropped it. */
    StoredVerifier | null,
  ]
  removeVerifier: [{ id: string }, { removed: boolean }]
  /** The signature schemes a verifier may name (the verifier form's choices). */
  listSchemes: [Record<string, never>, SchemeInfo[]]
  replayEvent: [
    {
      id: string
      to: string
      resign?: boolean
      newId?: boolean
      appendPath?: boolean
      setHeaders?: [string, string][]
      removeHeaders?: string[]
      body?: string
      bodyEncoding?: 'utf8' | 'base64'
      timeoutMs?: number
    },
    Delivery,
  ]
  /** `status`: one or more DeliveryStatus values, comma-separated. */
  listDeliveries: [{ eventId?: string; status?: string; limit?: number }, Delivery[]]
  redrive: [{ id?: string; all?: boolean }, { redriven: number }]
  getTunnelStatus: [Record<string, never>, TunnelStatus]
  startTunnel: [{ subdomain?: string; host?: string }, TunnelStatus]
  stopTunnel: [Record<string, never>, TunnelStatus]
  shareSnippets: [{ path?: string }, ShareSnippets]
  getTimeline: [{ id: string }, SubjectTimeline | null]
  getBatchItems: [{ id: string; eventType?: string; executionId?: string }, BatchItemsView | null]
  checkA2AAgent: [{ agentUrl: string; headers?: Record<string, string> }, A2AAgentCheck]
  shareA2A: [ShareA2AArg, { registration: A2ARegistrationView; message: string }]
  listA2ARegistrations: [Record<string, never>, A2ARegistrationView[]]
  listA2APushConfigs: [
    { id: string; headers?: Record<string, string> },
    { id: string | null; taskId: string; url: string | null; hasToken: boolean; ours: boolean }[],
  ]
  deleteA2ARegistration: [
    { id: string; headers?: Record<string, string> },
    { removed: boolean; deletedOnAgent: boolean; message: string },
  ]
}

export type ApiMethodName = keyof ApiMethods
export type ApiArg<M extends ApiMethodName> = ApiMethods[M][0]
export type ApiResult<M extends ApiMethodName> = ApiMethods[M][1]
/** Server-side implementations of some methods (an area's API group). */
export type ApiHandlers<M extends ApiMethodName = ApiMethodName> = {
  [K in M]: (arg: ApiArg<K>) => Promise<ApiResult<K>>
}

/** The method names, as a runtime list: IPC and HTTP adapters are generated from it. */
export const API_METHODS = [
  'getStatus',
  'listEvents',
  'getEvent',
  'getDecodedBody',
  'clearEvents',
  'setCapturePaused',
  'exportEvents',
  'diffEvents',
  'changesSincePrevious',
  'getSettings',
  'updateSettings',
  'addVerifier',
  'removeVerifier',
  'listSchemes',
  'replayEvent',
  'listDeliveries',
  'redrive',
  'getTunnelStatus',
  'startTunnel',
  'stopTunnel',
  'shareSnippets',
  'getTimeline',
  'getBatchItems',
  'checkA2AAgent',
  'shareA2A',
  'listA2ARegistrations',
  'listA2APushConfigs',
  'deleteA2ARegistration',
] as const satisfies readonly ApiMethodName[]

/** Pushed events: name → payload. */
export interface ApiPushEvents {
  eventCaptured: EventSummary
  eventUpdated: EventSummary
  eventsCleared: { cleared: number }
  tunnelStatus: TunnelStatus
  /** A delivery was created or changed (replay sent, forward attempted, redriven). */
  deliveryResult: Delivery
  statusChanged: StatusInfo
  /** Desktop: a notification was clicked; the inspector selects and shows this event. */
  openEvent: { id: string }
  /** Agent lens: a task / execution stopped updating before a terminal state. */
  subjectStalled: SubjectStall
  /** The tunnel URL changed and Hooklens re-registered (or failed to) an A2A push config. */
  a2aReregistered: { registrationId: string; taskId: string; ok: boolean; message: string }
}

export type ApiPushName = keyof ApiPushEvents
export type ApiPush = { [K in ApiPushName]: { type: K; payload: ApiPushEvents[K] } }[ApiPushName]

/** What the renderer calls: every method, plus a subscription to pushed events. */
export type HooklensApi = {
  [M in ApiMethodName]: (arg: ApiArg<M>) => Promise<ApiResult<M>>
} & {
  subscribe(listener: (push: ApiPush) => void): () => void
}
