/**
 * The read-only backend: the data dir's event log, opened afresh for each call so it always
 * sees what the writer (if any) has appended, and `wait_for_event` by polling. Replay works as
 * `hooklens replay` does (straight from the log, recorded in the delivery log); redrive needs
 * the running Hooklens' forwarder and says so.
 */
import { headerValue, type EventSummary } from '../../../shared/event'
import { diffEvents } from '../../../shared/diff'
import { filterEvents } from '../hooklens/event-query'
import { relatedDiffs } from '../inspect/related-diffs'
import { decodeBodyView } from '../receiver/decoded-body'
import { DeliveryStore } from '../replay/delivery-store'
import { replayStored } from '../replay/replay-service'
import type { DeliveryStatus } from '../replay/types'
import { readRuntimeInfo } from '../share/runtime-info'
import { shareSnippets } from '../share/snippets'
import { EventStore } from '../store/event-store'
import { NeedsReceiver, statusFromRuntime, type McpBackend } from './backend'
import { savedVerifiers } from './saved-settings'
import { waitLoop } from './wait-loop'

const POLL_MS = 500

export function dataDirBackend(dataDir: string): McpBackend {
  async function withStore<T>(fn: (store: EventStore) => Promise<T>): Promise<T> {
    const store = await EventStore.open({ dir: dataDir, readOnly: true })
    try {
      return await fn(store)
    } finally {
      await store.close()
    }
  }
  const listEvents = (query: Parameters<typeof filterEvents>[1]) =>
    withStore((store) => filterEvents({ store }, query))

  return {
    mode: 'read-only',
    status: async () =>
      statusFromRuntime(dataDir, readRuntimeInfo(dataDir), await withStore(async (s) => s.count)),
    listEvents,
    getEvent: (id) => withStore((store) => store.getFull(id)),
    getDecodedBody: (id) =>
      withStore(async (store) => {
        const event = store.get(id)
        const body = event ? await store.readBody(id) : null
        if (!event || !body) return null
        return decodeBodyView(body, headerValue(event.headers, 'content-encoding'))
      }),
    diffEvents: (a, b) =>
      withStore(async (store) => {
        const [ea, eb] = await Promise.all([store.getFull(a), store.getFull(b)])
        if (!ea || !eb) throw new Error(`no event ${ea ? b : a}`)
        return diffEvents(ea, eb)
      }),
    changesSincePrevious: (id) => withStore((store) => relatedDiffs(store, id)),
    listDeliveries: async (arg) => {
      const deliveries = await DeliveryStore.open({ dir: dataDir, readOnly: true })
      try {
        return deliveries.list({
          eventId: arg.eventId,
          status: arg.status ? (arg.status.split(',') as DeliveryStatus[]) : undefined,
          limit: arg.limit,
        })
      } finally {
        await deliveries.close()
      }
    },
    replayEvent: (arg) =>
      withStore(async (store) => {
        const event = await store.getFull(arg.id)
        if (!event) throw new Error(`no event ${arg.id}`)
        const deliveries = await DeliveryStore.open({ dir: dataDir, compact: false })
        try {
          return await replayStored(event, arg, { verifiers: savedVerifiers(dataDir) }, deliveries)
        } finally {
          await deliveries.close()
        }
      }),
    redrive: async () => {
      throw new NeedsReceiver(
        'redrive needs the running Hooklens (its forwarder retries with backoff): start `hooklens listen` on this data dir, or use `hooklens redrive` in a terminal',
      )
    },
    shareSnippets: async (path) =>
      shareSnippets({ publicUrl: readRuntimeInfo(dataDir)?.publicUrl ?? null, path }),
    waitForEvent: (query, signal) =>
      waitLoop<EventSummary>({
        signal,
        pollMs: POLL_MS,
        find: async () => (await listEvents(query))[0] ?? null,
      }),
    close: async () => undefined,
  }
}
