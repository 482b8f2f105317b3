/**
 * API methods that compare events: any two (`diffEvents`), and an event against the previous
 * one of its subject and the first delivery of its idempotency key (`changesSincePrevious`).
 */
import { relatedDiffs } from '../inspect/related-diffs'
import type { Hooklens } from './hooklens'
import { ApiError, type PartialApiImpl } from './api-types'

export function diffApi(h: Hooklens): PartialApiImpl {
  return {
    diffEvents: async ({ a, b }) => {
      const [ea, eb] = await Promise.all([h.store.getFull(a), h.store.getFull(b)])
      if (!ea || !eb) throw new ApiError(`no event ${ea ? b : a}`, 404)
      // Loaded on first use, not with every start (the diff libraries are large).
      const { diffEvents } = await import('../../../shared/diff')
      return diffEvents(ea, eb)
    },
    changesSincePrevious: async ({ id }) => relatedDiffs(h.store, id),
  }
}
