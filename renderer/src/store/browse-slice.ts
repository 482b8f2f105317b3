/**
 * How the list is browsed: the filter (matched locally on summaries, and its plain word looked
 * for in bodies by the core once the user pauses typing), newest or oldest first, the keyboard
 * cursor and which view is open. Loading and live updates are events-slice.ts.
 */
import type { HooklensApi } from '../../../shared/api'
import { freeTextTerm, visibleEvents } from './filter'
import type { BrowseSlice, GetState, SetState, StoreDeps } from './store-types'

export type { BrowseSlice, View } from './store-types'

export function browseSlice(
  api: HooklensApi,
  set: SetState,
  get: GetState,
  deps: StoreDeps,
  onDispose: (cleanup: () => void) => void,
): BrowseSlice {
  let searchTimer: ReturnType<typeof setTimeout> | null = null
  onDispose(() => {
    if (searchTimer) clearTimeout(searchTimer)
    searchTimer = null
  })

  return {
    filterText: '',
    bodyHits: null,
    searching: false,
    newestFirst: true,
    cursorId: null,
    view: 'events',

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
  }
}
