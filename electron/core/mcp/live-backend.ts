/**
 * The live backend: the running Hooklens' control API (loopback HTTP, bearer token from
 * runtime.json) through the same HTTP client the browser inspector uses. Pushes from its SSE
 * stream wake `wait_for_event` the moment an event is captured.
 */
import type { EventQuery, HooklensApi } from '../../../shared/api'
import type { EventSummary } from '../../../shared/event'
import { createHttpClient } from '../../../shared/http-client'
import { statusFromApi, type McpBackend, type ReplayArg } from './backend'
import { waitLoop } from './wait-loop'

/** A backstop only: the event stream normally wakes the wait at once. */
const POLL_MS = 2000

export function liveBackend(control: { url: string; token: string }): McpBackend {
  const api: HooklensApi = createHttpClient({ baseUrl: control.url, token: control.token })
  return {
    mode: 'live',
    status: async () => statusFromApi(await api.getStatus({})),
    listEvents: (query: EventQuery) => api.listEvents(query),
    getEvent: (id) => api.getEvent({ id }),
    getDecodedBody: (id) => api.getDecodedBody({ id }),
    diffEvents: (a, b) => api.diffEvents({ a, b }),
    changesSincePrevious: (id) => api.changesSincePrevious({ id }),
    listDeliveries: (arg) => api.listDeliveries(arg),
    replayEvent: (arg: ReplayArg) => api.replayEvent(arg),
    redrive: (arg) => api.redrive(arg),
    shareSnippets: (path) => api.shareSnippets({ path }),
    waitForEvent: (query, signal) =>
      waitLoop<EventSummary>({
        signal,
        pollMs: POLL_MS,
        find: async () => (await api.listEvents({ ...query, limit: undefined }))[0] ?? null,
        wakeOn: (wake) =>
          api.subscribe((push) => {
            if (push.type === 'eventCaptured') wake()
          }),
      }),
    close: async () => undefined,
  }
}

/** Is this control API answering (and does it accept our token)? */
export async function probeLive(backend: McpBackend): Promise<boolean> {
  try {
    await backend.status()
    return true
  } catch {
    return false
  }
}
