/**
 * An in-memory Hooklens API for tests and benches that do not need the real core: events are
 * held in an array, pushes go to subscribers at once, diff and export use the real shared
 * modules. It stands in for the composition root, not for anything in the browser. The events
 * and deliveries it hands out are built by fake-events.ts.
 */
import type { ApiPush, HooklensApi, StatusInfo } from '../../shared/api'
import type { CapturedEvent } from '../../shared/event'
import { diffEvents } from '../../shared/diff'
import { exportEvents } from '../../electron/core/export'
import { defaultSettings } from '../../electron/core/settings/settings-types'
import { listSchemes } from '../../electron/core/verify/scheme-info'
import { fakeDelivery, summary } from './fake-events'

export interface FakeApi extends HooklensApi {
  events: CapturedEvent[]
  calls: { method: string; arg: unknown }[]
  push(p: ApiPush): void
  add(e: CapturedEvent): void
  listenerCount(): number
}

export function createFakeApi(initial: CapturedEvent[] = []): FakeApi {
  const listeners = new Set<(p: ApiPush) => void>()
  const calls: { method: string; arg: unknown }[] = []
  const events = [...initial]
  let paused = false
  const settings = {
    ...defaultSettings(),
    retention: { maxEvents: 10000, maxBytes: 1 << 30 },
    sessionVerifiers: [],
  }
  const status = (): StatusInfo => ({
    receiverUrl: 'http://127.0.0.1:9000',
    receiverPort: 9000,
    publicUrl: null,
    tunnel: {
      state: 'disabled',
      url: null,
      reason: 'disabled by --no-tunnel',
      since: new Date(0).toISOString(),
    },
    eventCount: events.length,
    dataDir: '/tmp/hooklens-fake',
    paused,
    version: '0.1.0',
  })
  const find = (id: string) => events.find((e) => e.id === id) ?? null
  const log = <T>(method: string, arg: unknown, result: T): Promise<T> => {
    calls.push({ method, arg })
    return Promise.resolve(result)
  }
  const api: FakeApi = {
    events,
    calls,
    push(p) {
      for (const l of listeners) l(p)
    },
    add(e) {
      events.push(e)
      api.push({ type: 'eventCaptured', payload: summary(e) })
    },
    listenerCount: () => listeners.size,
    subscribe(l) {
      listeners.add(l)
      return () => listeners.delete(l)
    },
    getStatus: (a) => log('getStatus', a, status()),
    listEvents: (q) => {
      let list = events
      if (q.afterId) list = list.filter((e) => e.id > q.afterId!)
      if (q.beforeId) list = list.filter((e) => e.id < q.beforeId!)
      if (q.text) list = list.filter((e) => e.body.toLowerCase().includes(q.text!.toLowerCase()))
      // Like the core: oldest first, and a limit keeps the newest.
      if (q.limit && list.length > q.limit) list = list.slice(-q.limit)
      return log('listEvents', q, list.map(summary))
    },
    getEvent: (a) => log('getEvent', a, find(a.id)),
    getDecodedBody: (a) => log('getDecodedBody', a, null),
    clearEvents: (a) => {
      const cleared = events.splice(0).length
      api.push({ type: 'eventsCleared', payload: { cleared } })
      return log('clearEvents', a, { cleared })
    },
    setCapturePaused: (a) => {
      paused = a.paused
      return log('setCapturePaused', a, { paused })
    },
    exportEvents: (a) => {
      const chosen = a.ids ? events.filter((e) => a.ids!.includes(e.id)) : events
      return log(
        'exportEvents',
        a,
        exportEvents(chosen, a.format, { baseUrl: 'http://127.0.0.1:9000' }),
      )
    },
    diffEvents: (a) => {
      const ea = find(a.a)
      const eb = find(a.b)
      if (!ea || !eb) return Promise.reject(new Error('unknown event'))
      return log('diffEvents', a, diffEvents(ea, eb))
    },
    changesSincePrevious: (a) => log('changesSincePrevious', a, null),
    getSettings: (a) => log('getSettings', a, settings),
    updateSettings: (a) => log('updateSettings', a, settings),
    addVerifier: (a) =>
      log('addVerifier', a, { id: 'v1', scheme: a.scheme, secrets: a.secrets.map(() => '••••') }),
    removeVerifier: (a) => log('removeVerifier', a, { removed: true }),
    listSchemes: (a) => log('listSchemes', a, listSchemes()),
    replayEvent: (a) =>
      log(
        'replayEvent',
        a,
        fakeDelivery({
          id: `d-${calls.length}`,
          eventId: a.id,
          target: a.to,
          response: {
            status: 202,
            headers: [],
            body: 'accepted',
            bodyEncoding: 'utf8',
            size: 8,
            truncated: false,
          },
          latencyMs: 2,
        }),
      ),
    listDeliveries: (a) => log('listDeliveries', a, []),
    redrive: (a) => log('redrive', a, { redriven: 0 }),
    getTunnelStatus: (a) => log('getTunnelStatus', a, status().tunnel),
    startTunnel: (a) => log('startTunnel', a, status().tunnel),
    stopTunnel: (a) => log('stopTunnel', a, status().tunnel),
    shareSnippets: (a) =>
      log('shareSnippets', a, {
        url: `https://fake.example${a.path ?? '/hooks'}`,
        warning: null,
        snippets: [],
      }),
    getTimeline: (a) => log('getTimeline', a, null),
    getBatchItems: (a) => log('getBatchItems', a, null),
    checkA2AAgent: (a) =>
      log('checkA2AAgent', a, {
        agentName: 'fake agent',
        cardUrl: `${a.agentUrl}/.well-known/agent-card.json`,
        protocol: '1.0' as const,
        pushNotifications: true,
        problem: null,
      }),
    shareA2A: (a) => Promise.reject(new Error(`fake API cannot register ${a.taskId}`)),
    listA2ARegistrations: (a) => log('listA2ARegistrations', a, []),
    listA2APushConfigs: (a) => log('listA2APushConfigs', a, []),
    deleteA2ARegistration: (a) =>
      log('deleteA2ARegistration', a, { removed: false, deletedOnAgent: false, message: '' }),
  }
  return api
}
