/**
 * The inspector state's types: each slice's fields and actions and the whole state they make.
 * Declared apart from the slices (the *-slice.ts files, one job each, composed in
 * inspector-store.ts) so a slice reads the whole state's type without importing the store that
 * imports it.
 */
import type { StoreApi } from 'zustand/vanilla'
import type {
  ApiPush,
  ApiSettings,
  DecodedBody,
  Delivery,
  SchemeInfo,
  StatusInfo,
} from '../../../shared/api'
import type { EventDiff } from '../../../shared/diff'
import type { CapturedEvent, EventSummary, HeaderPair } from '../../../shared/event'
import type { Clock } from '../../../shared/push-batcher'
import type { BodyHits } from './filter'

export type View = 'events' | 'compare' | 'deliveries' | 'settings'

export interface StoreDeps {
  /** Remembered choices (replay target); localStorage in the browser. */
  storage?: Pick<Storage, 'getItem' | 'setItem'> | null
  /** Push batching window in ms. */
  flushMs?: number
  /** Time for the push batcher; real time by default. */
  clock?: Clock
  /** Most events loaded at start. */
  initialLimit?: number
  /** Newest events loaded first, so the list shows before a large history arrives. */
  firstPage?: number
  /** Events per request while paging back through the history. */
  pageSize?: number
  /** Pause in typing before the filter's word is also looked for in bodies. */
  searchDelayMs?: number
}

export interface EventsSlice {
  ready: boolean
  error: string | null
  status: StatusInfo | null
  /** All loaded summaries, oldest first (ids are ULIDs, so id order is arrival order). */
  events: EventSummary[]
  /** The rows on screen: filtered and ordered. */
  visible: EventSummary[]
  /** True while the older events are still loading behind the first page. */
  loadingMore: boolean
  livePaused: boolean
  /** Pushes held back while live updates are paused. */
  held: ApiPush[]
  init(): Promise<void>
  /** Loads the whole history (after the first page). */
  loadAll(): Promise<void>
  /** Applies queued pushes now (tests, and the batcher's timer). */
  flushPushes(): void
  receive(pushes: ApiPush[]): void
  setLivePaused(paused: boolean): void
  refreshStatus(): Promise<void>
  resync(): Promise<void>
}

export interface BrowseSlice {
  filterText: string
  /** Body matches of the filter's plain word, from the core. */
  bodyHits: BodyHits | null
  /** True while the core looks for the filter's word in bodies (more rows may come). */
  searching: boolean
  newestFirst: boolean
  cursorId: string | null
  view: View
  setFilter(text: string): void
  toggleNewestFirst(): void
  moveCursor(delta: number): void
  openCursor(): void
  setView(view: View): void
}

/** The list view: its events and how they are browsed, and the store's own release. */
export type ListSlice = EventsSlice &
  BrowseSlice & {
    /** Unsubscribes from pushes and cancels pending timers (the window is closing). */
    dispose(): void
  }

export interface DetailState {
  event: CapturedEvent | null
  decoded: DecodedBody | null
  /** undefined: not loaded yet; null: no previous event of this subject. */
  changes: { previousId: string | null; diff: EventDiff } | null | undefined
  /** For a duplicate or conflict: how it differs from the first event with its key. */
  fromFirst: { id: string; diff: EventDiff } | null
  loading: boolean
  error: string | null
}

export interface DetailSlice {
  selectedId: string | null
  detail: DetailState
  select(id: string): Promise<void>
  closeDetail(): void
  /** The cURL command for one event (through the export API, so both sides agree). */
  curlFor(id: string): Promise<string>
}

export interface CompareState {
  loading: boolean
  diff: EventDiff | null
  a: CapturedEvent | null
  b: CapturedEvent | null
  error: string | null
}

export interface ReplayEdit {
  setHeaders?: HeaderPair[]
  removeHeaders?: string[]
  body?: string
  /** Re-sign under a fresh message id, so the handler's idempotency sees a new event. */
  newId?: boolean
  /** This send's re-sign choice; absent: the remembered one. */
  resign?: boolean
}

export interface CompareSlice {
  compareA: string | null
  compareB: string | null
  compare: CompareState
  setCompareA(id: string): void
  compareWith(id: string): Promise<void>
}

export interface ReplaySlice {
  replayTarget: string
  replayResign: boolean
  replaySending: boolean
  replayError: string | null
  /** Deliveries per event id, newest first. */
  replayHistory: Record<string, Delivery[]>
  setReplayTarget(url: string): void
  setReplayResign(on: boolean): void
  sendReplay(id: string, edit?: ReplayEdit): Promise<Delivery | null>
  loadReplayHistory(id: string): Promise<void>
}

export interface DeliveriesSlice {
  deliveries: Delivery[]
  loadDeliveries(status?: string): Promise<void>
  redrive(target: { id: string } | { all: true }): Promise<number>
}

export interface SettingsSlice {
  settings: ApiSettings | null
  /** The schemes a verifier may name, as the core knows them (loaded with the settings). */
  schemes: SchemeInfo[]
  loadSettings(): Promise<void>
  updateSettings(patch: Record<string, unknown>): Promise<void>
  addVerifier(v: {
    scheme: string
    secrets: string[]
    path?: string
    tolerance?: number
    name?: string
  }): Promise<void>
  removeVerifier(id: string): Promise<void>
}

export interface ControlsSlice {
  notice: string | null
  notify(message: string | null): void
  exportEvents(
    format: 'har' | 'json' | 'curl',
    ids?: string[],
  ): Promise<{ filename: string; mime: string; content: string }>
  clearAll(): Promise<void>
  setCapturePaused(paused: boolean): Promise<void>
  toggleTunnel(): Promise<void>
}

export type InspectorState = ListSlice &
  DetailSlice &
  CompareSlice &
  ReplaySlice &
  DeliveriesSlice &
  SettingsSlice &
  ControlsSlice
export type InspectorStore = StoreApi<InspectorState>
export type SetState = StoreApi<InspectorState>['setState']
export type GetState = StoreApi<InspectorState>['getState']
