/**
 * API methods over captured events and capture itself: status, list/get, decoded bodies, clear,
 * pause. They take the store and the capture control only; what a change is pushed as is the
 * composition root's business (pushes.ts).
 */
import type { ApiHandlers, StatusInfo } from '../../../shared/api'
import { headerValue } from '../../../shared/event'
import { decodeBodyView } from '../receiver/decoded-body'
import type { EventStore } from '../store/event-store'
import { filterEvents } from './event-query'

/** Pausing and the process's status: what the API may do to capture, and nothing more. */
export interface CaptureControl {
  status(): StatusInfo
  /** Paused capture still answers senders but stores nothing. */
  setPaused(paused: boolean): void
}

export interface EventsParts {
  store: Pick<EventStore, 'select' | 'metasNewestFirst' | 'get' | 'getFull' | 'readBody' | 'clear'>
  capture: CaptureControl
}

export function eventsApi({
  store,
  capture,
}: EventsParts): ApiHandlers<
  'getStatus' | 'listEvents' | 'getEvent' | 'getDecodedBody' | 'clearEvents' | 'setCapturePaused'
> {
  return {
    getStatus: async () => capture.status(),
    listEvents: async (query) => filterEvents({ store }, query ?? {}),
    getEvent: async ({ id }) => store.getFull(id),
    getDecodedBody: async ({ id }) => {
      const event = store.get(id)
      if (!event) return null
      const body = await store.readBody(id)
      return body ? decodeBodyView(body, headerValue(event.headers, 'content-encoding')) : null
    },
    clearEvents: async () => ({ cleared: await store.clear() }),
    setCapturePaused: async ({ paused }) => {
      capture.setPaused(Boolean(paused))
      return { paused: capture.status().paused }
    },
  }
}
