/**
 * API methods that compare events: any two (`diffEvents`), and an event against the previous
 * one of its subject and the first delivery of its idempotency key (`changesSincePrevious`).
 */
import type { ApiHandlers } from '../../../shared/api'
import { relatedDiffs } from '../inspect/related-diffs'
import type { EventStore } from '../store/event-store'
import { ApiError } from '../../../shared/api-error'

export function diffApi({
  store,
}: {
  store: Pick<EventStore, 'getFull' | 'list'>
}): ApiHandlers<'diffEvents' | 'changesSincePrevious'> {
  return {
    diffEvents: async ({ a, b }) => {
      const [ea, eb] = await Promise.all([store.getFull(a), store.getFull(b)])
      if (!ea || !eb) throw new ApiError(`no event ${ea ? b : a}`, 404)
      // Loaded on first use, not with every start (the diff libraries are large).
      const { diffEvents } = await import('../../../shared/diff')
      return diffEvents(ea, eb)
    },
    changesSincePrevious: async ({ id }) => relatedDiffs(store, id),
  }
}
