/**
 * The toolbar and status bar: the notice line every view reports into, export, clear all,
 * pausing capture and starting or stopping the tunnel.
 */
import type { HooklensApi } from '../../../shared/api'
import type { ControlsSlice, GetState, SetState } from './store-types'

export type { ControlsSlice } from './store-types'

/** A failed action is told in the notice line; the view it came from stays as it was. */
export function showError(set: SetState, err: unknown): void {
  set({ notice: (err as Error).message })
}

export function controlsSlice(api: HooklensApi, set: SetState, get: GetState): ControlsSlice {
  return {
    notice: null,

    notify(message) {
      set({ notice: message })
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
        showError(set, err)
      }
    },

    async setCapturePaused(paused) {
      try {
        await api.setCapturePaused({ paused })
        await get().refreshStatus()
      } catch (err) {
        showError(set, err)
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
        showError(set, err)
      }
    },
  }
}
