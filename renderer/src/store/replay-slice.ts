/**
 * The replay panel of the event detail: where to send (remembered across sessions), whether to
 * re-sign, sending one replay, and the event's delivery history. Delivery pushes may arrive
 * before the replay's own answer, so history is merged by delivery id, never prepended blindly.
 */
import type { Delivery, HooklensApi } from '../../../shared/api'
import { mergeDelivery } from '../lib/deliveries'
import { showError } from './controls-slice'
import type { GetState, ReplaySlice, SetState, StoreDeps } from './store-types'

export type { ReplayEdit, ReplaySlice } from './store-types'

export const REPLAY_TARGET_KEY = 'hooklens.replayTarget'

export function replaySlice(
  api: HooklensApi,
  set: SetState,
  get: GetState,
  deps: StoreDeps,
): ReplaySlice {
  const storage = deps.storage ?? null
  return {
    replayTarget: storage?.getItem(REPLAY_TARGET_KEY) ?? 'http://localhost:3000/webhook',
    replayResign: true,
    replaySending: false,
    replayError: null,
    replayHistory: {},

    setReplayTarget(url) {
      set({ replayTarget: url })
      storage?.setItem(REPLAY_TARGET_KEY, url)
    },

    setReplayResign(on) {
      set({ replayResign: on })
    },

    async sendReplay(id, { resign, ...edit } = {}) {
      const { replayTarget, replayResign } = get()
      set({ replaySending: true, replayError: null })
      try {
        const result = await api.replayEvent({
          id,
          to: replayTarget,
          resign: resign ?? replayResign,
          ...edit,
        })
        // The delivery's pushes may have landed first: merge by id, never prepend blindly.
        const history = get().replayHistory[id] ?? []
        set({
          replaySending: false,
          replayHistory: { ...get().replayHistory, [id]: mergeDelivery(history, result) },
        })
        return result
      } catch (err) {
        set({ replaySending: false, replayError: (err as Error).message })
        return null
      }
    },

    async loadReplayHistory(id) {
      try {
        let items: Delivery[] = []
        for (const d of await api.listDeliveries({ eventId: id })) items = mergeDelivery(items, d)
        set({ replayHistory: { ...get().replayHistory, [id]: items } })
      } catch (err) {
        showError(set, err)
      }
    },
  }
}
