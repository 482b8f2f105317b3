/**
 * The deliveries view: every replay and forward attempt (optionally by status), and redrive of
 * one dead letter or all of them. Live changes arrive as `deliveryResult` pushes
 * (apply-pushes.ts); this slice only loads and asks.
 */
import type { HooklensApi } from '../../../shared/api'
import { showError } from './controls-slice'
import type { DeliveriesSlice, GetState, SetState } from './store-types'

export type { DeliveriesSlice } from './store-types'

export function deliveriesSlice(api: HooklensApi, set: SetState, get: GetState): DeliveriesSlice {
  return {
    deliveries: [],

    async loadDeliveries(status) {
      try {
        set({ deliveries: await api.listDeliveries(status ? { status } : {}) })
      } catch (err) {
        showError(set, err)
      }
    },

    async redrive(target) {
      try {
        const { redriven } = await api.redrive(target)
        set({ notice: `Redriven: ${redriven}` })
        await get().loadDeliveries()
        return redriven
      } catch (err) {
        showError(set, err)
        return 0
      }
    },
  }
}
