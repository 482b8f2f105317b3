/**
 * Everything the inspector asks the core to do besides reading events: compare, replay and its
 * history, deliveries and redrive, settings and verifiers, export, clear, capture pause, tunnel.
 */
import type { Delivery, HooklensApi } from '../../../shared/api'
import { mergeDelivery } from '../lib/deliveries'
import type { ActionsSlice, GetState, SetState, StoreDeps } from './store-types'

export type { ActionsSlice, CompareState, ReplayEdit } from './store-types'

export const REPLAY_TARGET_KEY = 'hooklens.replayTarget'

export function actionsSlice(
  api: HooklensApi,
  set: SetState,
  get: GetState,
  deps: StoreDeps,
): ActionsSlice {
  const fail = (err: unknown) => set({ notice: (err as Error).message })
  const storage = deps.storage ?? null
  return {
    compareA: null,
    compareB: null,
    compare: { loading: false, diff: null, a: null, b: null, error: null },
    replayTarget: storage?.getItem(REPLAY_TARGET_KEY) ?? 'http://localhost:3000/webhook',
    replayResign: true,
    replaySending: false,
    replayError: null,
    replayHistory: {},
    deliveries: [],
    settings: null,
    notice: null,

    setCompareA(id) {
      set({ compareA: id, notice: 'Marked as A: open another event and choose "Compare with A".' })
    },

    async compareWith(id) {
      const a = get().compareA
      if (!a) return
      set({
        compareB: id,
        view: 'compare',
        notice: null,
        compare: { loading: true, diff: null, a: null, b: null, error: null },
      })
      try {
        const [diff, ea, eb] = await Promise.all([
          api.diffEvents({ a, b: id }),
          api.getEvent({ id: a }),
          api.getEvent({ id }),
        ])
        if (get().compareB !== id) return
        set({ compare: { loading: false, diff, a: ea, b: eb, error: null } })
      } catch (err) {
        set({
          compare: { loading: false, diff: null, a: null, b: null, error: (err as Error).message },
        })
      }
    },

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
        fail(err)
      }
    },

    async loadDeliveries(status) {
      try {
        set({ deliveries: await api.listDeliveries(status ? { status } : {}) })
      } catch (err) {
        fail(err)
      }
    },

    async redrive(target) {
      try {
        const { redriven } = await api.redrive(target)
        set({ notice: `Redriven: ${redriven}` })
        await get().loadDeliveries()
        return redriven
      } catch (err) {
        fail(err)
        return 0
      }
    },

    async loadSettings() {
      try {
        set({ settings: await api.getSettings({}) })
      } catch (err) {
        fail(err)
      }
    },

    async updateSettings(patch) {
      try {
        const next = await api.updateSettings({ patch })
        set({ settings: next ?? get().settings, notice: 'Settings saved.' })
        if (!next) await get().loadSettings()
      } catch (err) {
        fail(err)
      }
    },

    async addVerifier(v) {
      try {
        await api.addVerifier(v)
        await get().loadSettings()
        set({ notice: `Verifier added (${v.scheme}).` })
      } catch (err) {
        fail(err)
      }
    },

    async removeVerifier(id) {
      try {
        await api.removeVerifier({ id })
        await get().loadSettings()
      } catch (err) {
        fail(err)
      }
    },

    exportEvents(format, ids) {
      return api.exportEvents(ids ? { format, ids } : { format })
    },

    async clearAll() {
      try {
        await api.clearEvents({})
        // The eventsCleared push does the same; doing it now keeps the UI honest if it is late.
        set({ events: [], visible: [], selectedId: null, cursorId: null, held: [] })
        get().closeDetail()
      } catch (err) {
        fail(err)
      }
    },

    async setCapturePaused(paused) {
      try {
        await api.setCapturePaused({ paused })
        await get().refreshStatus()
      } catch (err) {
        fail(err)
      }
    },

    async toggleTunnel() {
      const state = get().status?.tunnel.state
      try {
        const tunnel =
          state && state !== 'disabled' && state !== 'offline'
            ? await api.stopTunnel({})
            : await api.startTunnel({})
        const status = get().status
        if (status) set({ status: { ...status, tunnel, publicUrl: tunnel.url } })
      } catch (err) {
        fail(err)
      }
    },

    notify(message) {
      set({ notice: message })
    },
  }
}
