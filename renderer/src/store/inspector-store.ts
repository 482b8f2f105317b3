/**
 * The inspector's state: one zustand store per window, created by a factory that takes the API
 * client (the desktop preload's `window.hooklens`, the HTTP client, or a fake in tests). The
 * list slice lives here; the detail, compare, replay, deliveries, settings and toolbar controls
 * are slices in their own files (one per view) and share this state.
 */
import { createStore } from 'zustand/vanilla'
import type { ApiPush, HooklensApi } from '../../../shared/api'
import type { EventSummary } from '../../../shared/event'
import {
  createPushBatcher,
  pushKey,
  systemClock,
  type PushBatcher,
} from '../../../shared/push-batcher'
import { freeTextTerm, visibleEvents } from './filter'
import { detailSlice } from './detail-slice'
import { compareSlice } from './compare-slice'
import { replaySlice } from './replay-slice'
import { deliveriesSlice } from './deliveries-slice'
import { settingsSlice } from './settings-slice'
import { controlsSlice } from './controls-slice'
import { applyPushes } from './apply-pushes'
import type { InspectorState, InspectorStore, StoreDeps } from './store-types'

export type {
  GetState,
  InspectorState,
  InspectorStore,
  ListSlice,
  SetState,
  StoreDeps,
  View,
} from './store-types'

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

export function createInspectorStore(api: HooklensApi, deps: StoreDeps = {}): InspectorStore {
  let batcher: PushBatcher<ApiPush> | null = null
  let searchTimer: ReturnType<typeof setTimeout> | null = null
  let unsubscribe: (() => void) | null = null

  return createStore<InspectorState>()((set, get, store) => {
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
      filterText: '',
      bodyHits: null,
      searching: false,
      newestFirst: true,
      livePaused: false,
      held: [],
      cursorId: null,
      view: 'events',

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

      dispose() {
        unsubscribe?.()
        batcher?.dispose()
        if (searchTimer) clearTimeout(searchTimer)
        unsubscribe = null
        batcher = null
      },

      flushPushes() {
        batcher?.flush()
      },

      receive(pushes) {
        // The desktop asks to show an event when its notification is clicked.
        for (const p of pushes as { type: string; payload: { id?: string } }[]) {
          if (p.type === 'openEvent' && p.payload?.id) {
            set({ view: 'events' })
            void get().select(p.payload.id)
          }
        }
        const s = get()
        if (s.livePaused) {
          // Status pushes still apply: the status bar must not lie while the list is frozen.
          const keep = pushes.filter((p) => p.type === 'eventCaptured' || p.type === 'eventUpdated')
          const other = pushes.filter(
            (p) => p.type !== 'eventCaptured' && p.type !== 'eventUpdated',
          )
          set({ held: s.held.concat(keep) })
          if (other.length) set(applyPushes(get(), other))
          return
        }
        set(applyPushes(s, pushes))
      },

      setFilter(text) {
        const s = get()
        const term = freeTextTerm(text)
        const bodyHits = term && s.bodyHits?.needle === term ? s.bodyHits : null
        const willSearch = Boolean(term && term.length >= 3 && !bodyHits)
        set({
          filterText: text,
          bodyHits,
          searching: willSearch,
          visible: visibleEvents(s.events, text, s.newestFirst, bodyHits),
        })
        if (searchTimer) clearTimeout(searchTimer)
        if (!term || !willSearch) return
        // Bodies are on disk, in the core: ask it once the user pauses typing.
        searchTimer = setTimeout(async () => {
          try {
            const found = await api.listEvents({ text: term, limit: deps.initialLimit ?? 100_000 })
            const now = get()
            if (freeTextTerm(now.filterText) !== term) return
            const hits = { needle: term, ids: new Set(found.map((e) => e.id)) }
            set({
              bodyHits: hits,
              searching: false,
              visible: visibleEvents(now.events, now.filterText, now.newestFirst, hits),
            })
          } catch {
            // The local match stands; a failed body search only means fewer rows.
            if (freeTextTerm(get().filterText) === term) set({ searching: false })
          }
        }, deps.searchDelayMs ?? 300)
      },

      toggleNewestFirst() {
        const s = get()
        const newestFirst = !s.newestFirst
        set({ newestFirst, visible: s.visible.slice().reverse() })
      },

      setLivePaused(paused) {
        const s = get()
        if (paused) return set({ livePaused: true })
        set({ livePaused: false, held: [] })
        if (s.held.length) set(applyPushes(get(), s.held))
      },

      moveCursor(delta) {
        const { visible, cursorId } = get()
        if (visible.length === 0) return
        const at = cursorId ? visible.findIndex((e) => e.id === cursorId) : -1
        const next = at < 0 ? 0 : Math.min(visible.length - 1, Math.max(0, at + delta))
        const id = visible[next].id
        set({ cursorId: id })
        // With the detail open, the detail follows the cursor (DevTools' Network panel habit).
        if (get().selectedId && get().selectedId !== id) void get().select(id)
      },

      openCursor() {
        const id = get().cursorId
        if (id) void get().select(id)
      },

      setView(view) {
        set({ view })
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

      ...detailSlice(api, set, get, store),
      ...compareSlice(api, set, get),
      ...replaySlice(api, set, get, deps),
      ...deliveriesSlice(api, set, get),
      ...settingsSlice(api, set, get),
      ...controlsSlice(api, set, get),
    }
  })
}
