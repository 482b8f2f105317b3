/**
 * The event list's data: the newest page first, then the older history paged in behind it,
 * and live pushes from the core folded in through the shared push batcher (held back while
 * live updates are paused, except status). How the list is filtered and browsed is
 * browse-slice.ts.
 */
import type { ApiPush, HooklensApi } from '../../../shared/api'
import type { EventSummary } from '../../../shared/event'
import {
  createPushBatcher,
  pushKey,
  systemClock,
  type PushBatcher,
} from '../../../shared/push-batcher'
import { applyPushes } from './apply-pushes'
import { visibleEvents } from './filter'
import type { EventsSlice, GetState, SetState, StoreDeps } from './store-types'

export type { EventsSlice } from './store-types'

/** Events in id (= arrival) order; a list already sorted is returned as is. */
export function sortById(events: EventSummary[]): EventSummary[] {
  for (let i = 1; i < events.length; i++) {
    if (events[i - 1].id > events[i].id) return [...events].sort((a, b) => (a.id < b.id ? -1 : 1))
  }
  return events
}

function afterPaint(): Promise<void> {
  if (typeof requestAnimationFrame !== 'function') return Promise.resolve()
  return new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)))
}

export function eventsSlice(
  api: HooklensApi,
  set: SetState,
  get: GetState,
  deps: StoreDeps,
  onDispose: (cleanup: () => void) => void,
): EventsSlice {
  let batcher: PushBatcher<ApiPush> | null = null
  let unsubscribe: (() => void) | null = null
  onDispose(() => {
    unsubscribe?.()
    batcher?.dispose()
    unsubscribe = null
    batcher = null
  })

  async function loadEverything() {
    const all = sortById(await api.listEvents({ limit: deps.initialLimit ?? 100_000 }))
    const s = get()
    const last = all.at(-1)?.id ?? ''
    // Events pushed while the history loaded are newer than anything in it.
    const events = all.concat(s.events.filter((e) => e.id > last))
    set({ events, visible: visibleEvents(events, s.filterText, s.newestFirst, s.bodyHits) })
  }

  return {
    ready: false,
    error: null,
    status: null,
    events: [],
    visible: [],
    loadingMore: false,
    livePaused: false,
    held: [],

    async init() {
      if (!batcher) {
        batcher = createPushBatcher<ApiPush>({
          deliver: (items) => get().receive(items),
          windowMs: deps.flushMs ?? 100,
          clock: deps.clock ?? systemClock,
          keyOf: pushKey,
        })
        unsubscribe = api.subscribe((push) => batcher?.add(push))
      }
      const firstPage = deps.firstPage ?? 300
      try {
        const [status, head] = await Promise.all([
          api.getStatus({}),
          api.listEvents({ limit: firstPage }),
        ])
        const events = sortById(head)
        const s = get()
        const more = head.length >= firstPage && status.eventCount > head.length
        set({
          ready: true,
          error: null,
          status,
          events,
          loadingMore: more,
          visible: visibleEvents(events, s.filterText, s.newestFirst, s.bodyHits),
        })
        if (more) {
          // Let the first page paint before a large history arrives and is parsed.
          await afterPaint()
          await get().loadAll()
        }
      } catch (err) {
        set({ ready: true, error: `Could not load events: ${(err as Error).message}` })
      }
    },

    async loadAll() {
      // Pages back from the oldest loaded event, so each response stays small and the list
      // stays responsive; a core that ignores `beforeId` gets one full load instead.
      const pageSize = deps.pageSize ?? 5000
      const max = deps.initialLimit ?? 100_000
      try {
        for (;;) {
          const s = get()
          const oldest = s.events[0]?.id
          if (!oldest || s.events.length >= max) break
          const page = sortById(await api.listEvents({ beforeId: oldest, limit: pageSize }))
          if (page.length && page[page.length - 1].id >= oldest) {
            await loadEverything()
            break
          }
          const now = get()
          const events = page.concat(now.events)
          set({
            events,
            visible: visibleEvents(events, now.filterText, now.newestFirst, now.bodyHits),
          })
          if (page.length < pageSize) break
        }
        set({ loadingMore: false })
      } catch (err) {
        set({
          loadingMore: false,
          error: `Could not load older events: ${(err as Error).message}`,
        })
      }
    },

    flushPushes() {
      batcher?.flush()
    },

    receive(pushes) {
      // The desktop asks to show an event when its notification is clicked.
      for (const p of pushes) {
        if (p.type === 'openEvent' && p.payload?.id) {
          set({ view: 'events' })
          void get().select(p.payload.id)
        }
      }
      const s = get()
      if (s.livePaused) {
        // Status pushes still apply: the status bar must not lie while the list is frozen.
        const keep = pushes.filter((p) => p.type === 'eventCaptured' || p.type === 'eventUpdated')
        const other = pushes.filter((p) => p.type !== 'eventCaptured' && p.type !== 'eventUpdated')
        set({ held: s.held.concat(keep) })
        if (other.length) set(applyPushes(get(), other))
        return
      }
      set(applyPushes(s, pushes))
    },

    setLivePaused(paused) {
      const s = get()
      if (paused) return set({ livePaused: true })
      set({ livePaused: false, held: [] })
      if (s.held.length) set(applyPushes(get(), s.held))
    },

    async refreshStatus() {
      try {
        set({ status: await api.getStatus({}) })
      } catch (err) {
        set({ error: (err as Error).message })
      }
    },

    async resync() {
      const last = get().events.at(-1)?.id
      const [status, missed] = await Promise.all([
        api.getStatus({}),
        api.listEvents(last ? { afterId: last } : {}),
      ])
      set({ status })
      get().receive(missed.map((payload) => ({ type: 'eventCaptured', payload })))
    },
  }
}
