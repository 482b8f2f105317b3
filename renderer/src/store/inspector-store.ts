/**
 * The inspector's state: one zustand store per window, created by a factory that takes the API
 * client (the desktop preload's `window.hooklens`, the HTTP client, or a fake in tests). Each
 * slice is one job in its own file and reads the whole state: the event list (events-slice),
 * how it is browsed (browse-slice), the open event (detail-slice), and one slice per other
 * view: compare, replay, deliveries, settings, and the toolbar controls.
 */
import { createStore } from 'zustand/vanilla'
import type { HooklensApi } from '../../../shared/api'
import { eventsSlice } from './events-slice'
import { browseSlice } from './browse-slice'
import { detailSlice } from './detail-slice'
import { compareSlice } from './compare-slice'
import { replaySlice } from './replay-slice'
import { deliveriesSlice } from './deliveries-slice'
import { settingsSlice } from './settings-slice'
import { controlsSlice } from './controls-slice'
import type { InspectorState, InspectorStore, StoreDeps } from './store-types'

export { sortById } from './events-slice'
export type {
  GetState,
  InspectorState,
  InspectorStore,
  ListSlice,
  SetState,
  StoreDeps,
  View,
} from './store-types'

export function createInspectorStore(api: HooklensApi, deps: StoreDeps = {}): InspectorStore {
  return createStore<InspectorState>()((set, get) => {
    // Subscriptions and timers the slices hold, released together by dispose().
    const cleanups: (() => void)[] = []
    const onDispose = (cleanup: () => void) => void cleanups.push(cleanup)
    return {
      ...eventsSlice(api, set, get, deps, onDispose),
      ...browseSlice(api, set, get, deps, onDispose),
      ...detailSlice(api, set, get),
      ...compareSlice(api, set, get),
      ...replaySlice(api, set, get, deps),
      ...deliveriesSlice(api, set, get),
      ...settingsSlice(api, set, get),
      ...controlsSlice(api, set, get),
      dispose() {
        for (const cleanup of cleanups) cleanup()
      },
    }
  })
}
