/**
 * The open event: its full record (with body), the decoded body when it was compressed, and
 * the changes since the previous event of the same subject. Responses for an event the user
 * already moved away from are dropped.
 */
import type { HooklensApi } from '../../../shared/api'
import { headerValue } from '../../../shared/event'
import type { RelatedDiffs } from '../../../shared/diff'
import type { DetailSlice, DetailState, GetState, SetState } from './store-types'

export type { DetailSlice, DetailState } from './store-types'

const EMPTY: DetailState = {
  event: null,
  decoded: null,
  changes: undefined,
  fromFirst: null,
  loading: false,
  error: null,
}

/** The core's answer to changesSincePrevious, as the two views of the detail pane. */
export function readFromFirst(v: RelatedDiffs | null): DetailState['fromFirst'] {
  return v?.first ? { id: v.first.id, diff: v.first.diff } : null
}

export function readChanges(v: RelatedDiffs | null): DetailState['changes'] {
  return v?.previous ? { previousId: v.previous.id, diff: v.previous.diff } : null
}

export function detailSlice(api: HooklensApi, set: SetState, get: GetState): DetailSlice {
  return {
    selectedId: null,
    detail: EMPTY,

    async select(id) {
      set({ selectedId: id, cursorId: id, detail: { ...EMPTY, loading: true } })
      const current = () => get().selectedId === id
      try {
        const event = await api.getEvent({ id })
        if (!current()) return
        if (!event) {
          set({ detail: { ...EMPTY, error: 'This event is no longer stored.' } })
          return
        }
        set({ detail: { ...get().detail, event, loading: false } })
        const encoding = headerValue(event.headers, 'content-encoding')
        const [decoded, changes] = await Promise.all([
          encoding && encoding.toLowerCase() !== 'identity'
            ? api.getDecodedBody({ id }).catch(() => null)
            : Promise.resolve(null),
          event.classification.subject || event.idempotency?.status !== 'first'
            ? api.changesSincePrevious({ id }).catch(() => null)
            : Promise.resolve(null),
        ])
        if (!current()) return
        set({
          detail: {
            ...get().detail,
            decoded,
            changes: readChanges(changes),
            fromFirst: readFromFirst(changes),
          },
        })
      } catch (err) {
        if (current()) set({ detail: { ...EMPTY, error: (err as Error).message } })
      }
    },

    closeDetail() {
      set({ selectedId: null, detail: EMPTY })
    },

    async curlFor(id) {
      const out = await api.exportEvents({ format: 'curl', ids: [id] })
      // The script form has a header; the command itself starts at `curl` (or `printf`).
      const lines = out.content.split('\n')
      const start = lines.findIndex((l) => l.startsWith('curl ') || l.startsWith('printf '))
      return start < 0 ? out.content : lines.slice(start).join('\n').trimEnd()
    },
  }
}
