/**
 * The compare view: mark one event as A, compare another with it. The diff comes from the core
 * (shared/diff), with both full events so the view can show them side by side; an answer for a
 * comparison the user has already replaced is dropped.
 */
import type { HooklensApi } from '../../../shared/api'
import type { CompareSlice, GetState, SetState } from './store-types'

export type { CompareSlice, CompareState } from './store-types'

export function compareSlice(api: HooklensApi, set: SetState, get: GetState): CompareSlice {
  return {
    compareA: null,
    compareB: null,
    compare: { loading: false, diff: null, a: null, b: null, error: null },

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
  }
}
