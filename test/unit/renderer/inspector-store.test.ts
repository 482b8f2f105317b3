import { describe, expect, it } from 'vitest'
import { createInspectorStore } from '../../../renderer/src/store/inspector-store'
import { REPLAY_TARGET_KEY } from '../../../renderer/src/store/replay-slice'
import { createFakeApi } from '../../helpers/fake-api'
import { fakeDelivery, fakeEvent, summary } from '../../helpers/fake-events'

function memoryStorage() {
  const m = new Map<string, string>()
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    m,
  }
}

const stripe = (id: string, over = {}) =>
  fakeEvent({
    id,
    path: '/hooks/stripe',
    classification: { platform: 'stripe', eventType: 'invoice.paid', subject: 'in_1' },
    verification: { scheme: 'stripe', status: 'valid', reason: 'signature matches' },
    ...over,
  })
const github = (id: string) =>
  fakeEvent({
    id,
    path: '/gh',
    headers: [['X-GitHub-Event', 'push']],
    classification: { platform: 'github', eventType: 'push', subject: 'repo' },
    verification: { scheme: 'github', status: 'invalid', reason: 'wrong secret' },
    response: { status: 401, latencyMs: 1 },
  })

async function ready(events = [stripe('01B'), github('01A'), stripe('01C')], deps = {}) {
  const api = createFakeApi(events)
  const store = createInspectorStore(api, { flushMs: 10_000, ...deps })
  await store.getState().init()
  return { api, store }
}

describe('inspector store', () => {
  it('loads status and events, sorted by id, newest first on screen', async () => {
    const { store, api } = await ready()
    const s = store.getState()
    expect(s.ready).toBe(true)
    expect(s.status?.receiverPort).toBe(9000)
    expect(s.events.map((e) => e.id)).toEqual(['01A', '01B', '01C'])
    expect(s.visible.map((e) => e.id)).toEqual(['01C', '01B', '01A'])
    expect(api.listenerCount()).toBe(1)
    s.toggleNewestFirst()
    expect(store.getState().visible.map((e) => e.id)).toEqual(['01A', '01B', '01C'])
    s.dispose()
    expect(api.listenerCount()).toBe(0)
  })

  it('batches pushes: nothing changes until the flush, then one update for the burst', async () => {
    const { store, api } = await ready([])
    let updates = 0
    store.subscribe(() => updates++)
    for (const id of ['01X', '01Y', '01Z']) api.add(fakeEvent({ id }))
    expect(store.getState().events).toHaveLength(0)
    store.getState().flushPushes()
    expect(updates).toBe(1)
    expect(store.getState().visible.map((e) => e.id)).toEqual(['01Z', '01Y', '01X'])
    expect(store.getState().status?.eventCount).toBe(3)
  })

  it('flushes a lone push by itself after the window', async () => {
    const { store, api } = await ready([], { flushMs: 5 })
    api.add(fakeEvent({ id: '01L' }))
    await new Promise((r) => setTimeout(r, 30))
    expect(store.getState().events.map((e) => e.id)).toEqual(['01L'])
  })

  it('an event captured and updated twice in one window shows once, in its last state', async () => {
    const { store, api } = await ready([])
    let updates = 0
    store.subscribe(() => updates++)
    const e = fakeEvent({ id: '01U' })
    api.add(e)
    for (const status of [500, 201]) {
      api.push({
        type: 'eventUpdated',
        payload: summary({ ...e, response: { status, latencyMs: 1 } }),
      })
    }
    store.getState().flushPushes()
    expect(updates).toBe(1)
    expect(store.getState().events.map((x) => [x.id, x.response.status])).toEqual([['01U', 201]])
    expect(store.getState().status?.eventCount).toBe(1)
  })

  it('filters by text, platform:, status:, path:, method: and negation', async () => {
    const { store } = await ready()
    const ids = (f: string) => {
      store.getState().setFilter(f)
      return store
        .getState()
        .visible.map((e) => e.id)
        .sort()
    }
    expect(ids('platform:github')).toEqual(['01A'])
    expect(ids('status:invalid')).toEqual(['01A'])
    expect(ids('status:4xx')).toEqual(['01A'])
    expect(ids('status:valid')).toEqual(['01B', '01C'])
    expect(ids('path:/hooks/*')).toEqual(['01B', '01C'])
    // The one path-filter meaning: a segment prefix, so `/hook` is not a prefix of `/hooks/…`.
    expect(ids('path:/hooks')).toEqual(['01B', '01C'])
    expect(ids('path:/hook')).toEqual([])
    expect(ids('x-github-event')).toEqual(['01A'])
    expect(ids('platform:stripe,github')).toEqual(['01A', '01B', '01C'])
    expect(ids('platform:github,slack')).toEqual(['01A'])
    expect(ids('-platform:github method:post')).toEqual(['01B', '01C'])
    expect(ids('platform:stripe nothing-matches')).toEqual([])
    expect(ids('')).toEqual(['01A', '01B', '01C'])
  })

  it('adds events whose body holds the filter word, found by the core', async () => {
    const { store } = await ready(
      [stripe('01A', { body: '{"customer":"cus_Zebra42"}' }), github('01B')],
      { searchDelayMs: 0 },
    )
    store.getState().setFilter('zebra42')
    expect(store.getState().visible).toEqual([])
    // No row yet, but the list must say it is still looking, not "no event matches".
    expect(store.getState().searching).toBe(true)
    await new Promise((r) => setTimeout(r, 10))
    expect(store.getState().visible.map((e) => e.id)).toEqual(['01A'])
    expect(store.getState().searching).toBe(false)
    store.getState().setFilter('ze')
    expect(store.getState().searching).toBe(false)
    store.getState().setFilter('zebra42 platform:github')
    expect(store.getState().visible).toEqual([])
    store.getState().setFilter('-zebra42')
    expect(store.getState().visible.map((e) => e.id)).toEqual(['01B', '01A'])
  })

  it('keeps new pushes filtered and holds them while live updates are paused', async () => {
    const { store, api } = await ready()
    store.getState().setFilter('platform:stripe')
    store.getState().setLivePaused(true)
    api.add(stripe('01D'))
    api.add(github('01E'))
    store.getState().flushPushes()
    expect(store.getState().events).toHaveLength(3)
    expect(store.getState().held).toHaveLength(2)
    store.getState().setLivePaused(false)
    expect(store.getState().events).toHaveLength(5)
    expect(store.getState().visible.map((e) => e.id)).toEqual(['01D', '01C', '01B'])
  })

  it('replaces updated events in place and empties on clear', async () => {
    const { store, api } = await ready()
    const updated = summary(
      stripe('01B', { verification: { scheme: 'stripe', status: 'invalid', reason: 'changed' } }),
    )
    api.push({ type: 'eventUpdated', payload: updated })
    store.getState().flushPushes()
    expect(store.getState().events[1].verification.status).toBe('invalid')
    expect(store.getState().events).toHaveLength(3)
    await store.getState().clearAll()
    store.getState().flushPushes()
    expect(store.getState().events).toEqual([])
    expect(store.getState().visible).toEqual([])
  })

  it('moves the cursor with j/k and opens the detail with Enter', async () => {
    const { store } = await ready()
    const s = store.getState()
    s.moveCursor(1)
    expect(store.getState().cursorId).toBe('01C')
    s.moveCursor(1)
    s.moveCursor(1)
    s.moveCursor(1)
    expect(store.getState().cursorId).toBe('01A')
    s.moveCursor(-1)
    s.openCursor()
    await new Promise((r) => setTimeout(r, 0))
    expect(store.getState().selectedId).toBe('01B')
    await new Promise((r) => setTimeout(r, 0))
    expect(store.getState().detail.event?.path).toBe('/hooks/stripe')
  })

  it('drops a detail response for an event the user already left', async () => {
    const { store } = await ready()
    const first = store.getState().select('01A')
    const second = store.getState().select('01C')
    await Promise.all([first, second])
    expect(store.getState().detail.event?.id).toBe('01C')
  })

  it('compares two events through diffEvents', async () => {
    const { store } = await ready([
      stripe('01A', { body: '{"amount":100,"currency":"usd"}' }),
      stripe('01B', { body: '{"amount":250,"currency":"usd"}' }),
    ])
    store.getState().setCompareA('01A')
    await store.getState().compareWith('01B')
    const s = store.getState()
    expect(s.view).toBe('compare')
    const body = s.compare.diff?.body
    expect(body?.kind).toBe('json')
    expect(body?.kind === 'json' && body.changes.map((c) => c.path)).toEqual(['amount'])
  })

  it('remembers the replay target and sends replays with the re-sign flag and edits', async () => {
    const storage = memoryStorage()
    const { store, api } = await ready(undefined, { storage })
    store.getState().setReplayTarget('http://127.0.0.1:3999/in')
    expect(storage.m.get(REPLAY_TARGET_KEY)).toBe('http://127.0.0.1:3999/in')
    const again = createInspectorStore(api, { storage })
    expect(again.getState().replayTarget).toBe('http://127.0.0.1:3999/in')
    store.getState().setReplayResign(false)
    const d = await store.getState().sendReplay('01B', { body: '{}' })
    expect(d?.response?.status).toBe(202)
    expect(api.calls.at(-1)).toEqual({
      method: 'replayEvent',
      arg: { id: '01B', to: 'http://127.0.0.1:3999/in', resign: false, body: '{}' },
    })
    expect(store.getState().replayHistory['01B']).toHaveLength(1)
    store.getState().setReplayResign(true)
    await store.getState().sendReplay('01B', { newId: true })
    expect(api.calls.at(-1)).toEqual({
      method: 'replayEvent',
      arg: { id: '01B', to: 'http://127.0.0.1:3999/in', resign: true, newId: true },
    })
  })

  it('keeps one history row per delivery, newest first, whatever order pushes and answers arrive in', async () => {
    const { store, api } = await ready()
    await store.getState().loadReplayHistory('01B')
    let n = 0
    api.replayEvent = async (a) => {
      n++
      const base = fakeDelivery({
        id: `del-${n}`,
        eventId: a.id,
        target: a.to,
        kind: 'replay',
        createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
      })
      // The core pushes the delivery (pending, then delivered) before the call returns.
      api.push({ type: 'deliveryResult', payload: { ...base, status: 'pending' } })
      api.push({ type: 'deliveryResult', payload: { ...base, status: 'delivered' } })
      store.getState().flushPushes()
      return { ...base, status: 'delivered' }
    }
    await store.getState().sendReplay('01B')
    await store.getState().sendReplay('01B')
    // A late push of the first delivery must not move it back on top.
    api.push({
      type: 'deliveryResult',
      payload: fakeDelivery({
        id: 'del-1',
        eventId: '01B',
        target: 'x',
        kind: 'replay',
        status: 'delivered',
        createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, 1)).toISOString(),
      }),
    })
    store.getState().flushPushes()
    await store.getState().sendReplay('01B')
    expect(store.getState().replayHistory['01B'].map((d) => d.id)).toEqual([
      'del-3',
      'del-2',
      'del-1',
    ])
  })

  it('builds the cURL command through the export API', async () => {
    const { store } = await ready()
    const cmd = await store.getState().curlFor('01B')
    expect(cmd.startsWith("curl -X POST 'http://127.0.0.1:9000/hooks/stripe'")).toBe(true)
  })

  it('loads the verifier schemes from the core once, with the settings', async () => {
    const { api, store } = await ready()
    await store.getState().loadSettings()
    await store.getState().loadSettings()
    expect(store.getState().schemes.map((s) => s.id)).toContain('standard-webhooks')
    expect(api.calls.filter((c) => c.method === 'listSchemes')).toHaveLength(1)
  })

  it('applies tunnel status pushes to the status bar', async () => {
    const { store, api } = await ready()
    api.push({
      type: 'tunnelStatus',
      payload: {
        state: 'online',
        url: 'https://abc.loca.lt',
        reason: 'ok',
        since: new Date().toISOString(),
      },
    })
    store.getState().flushPushes()
    expect(store.getState().status?.publicUrl).toBe('https://abc.loca.lt')
    expect(store.getState().status?.tunnel.state).toBe('online')
  })

  it('reports a failing initial load instead of throwing', async () => {
    const api = createFakeApi()
    api.listEvents = () => Promise.reject(new Error('down'))
    const store = createInspectorStore(api)
    await store.getState().init()
    expect(store.getState().error).toMatch(/down/)
    store.getState().dispose()
  })
})

describe('large histories', () => {
  const history = () =>
    Array.from({ length: 10 }, (_, i) => fakeEvent({ id: `01${String(i).padStart(2, '0')}` }))

  it('shows the newest page first, then pages back and keeps events pushed meanwhile', async () => {
    const api = createFakeApi(history())
    const store = createInspectorStore(api, { flushMs: 10_000, firstPage: 3, pageSize: 4 })
    let release: () => void = () => {}
    const gate = new Promise<void>((r) => (release = r))
    const original = api.listEvents
    api.listEvents = async (q) => {
      const out = await original(q)
      if (q.beforeId) await gate
      return out
    }
    const done = store.getState().init()
    for (let i = 0; i < 20 && !store.getState().ready; i++)
      await new Promise((r) => setTimeout(r, 0))
    expect(store.getState().visible.map((e) => e.id)).toEqual(['0109', '0108', '0107'])
    expect(store.getState().loadingMore).toBe(true)
    api.add(fakeEvent({ id: '0110' }))
    store.getState().flushPushes()
    release()
    await done
    const s = store.getState()
    expect(s.loadingMore).toBe(false)
    expect(s.events.map((e) => e.id)).toEqual(
      history()
        .map((e) => e.id)
        .concat('0110'),
    )
    const pages = api.calls.filter((c) => c.method === 'listEvents').map((c) => c.arg)
    expect(pages).toEqual([
      { limit: 3 },
      { beforeId: '0107', limit: 4 },
      { beforeId: '0103', limit: 4 },
    ])
  })

  it('falls back to one full load when the core ignores beforeId', async () => {
    const api = createFakeApi(history())
    const original = api.listEvents
    api.listEvents = (q) => original({ limit: q.limit })
    const store = createInspectorStore(api, { flushMs: 10_000, firstPage: 3, pageSize: 4 })
    await store.getState().init()
    expect(store.getState().events.map((e) => e.id)).toEqual(history().map((e) => e.id))
    expect(store.getState().loadingMore).toBe(false)
  })
})

describe('desktop pushes', () => {
  it('opens the event a clicked notification names', async () => {
    const { store, api } = await ready()
    store.getState().setView('settings')
    api.push({ type: 'openEvent', payload: { id: '01B' } } as unknown as Parameters<
      typeof api.push
    >[0])
    store.getState().flushPushes()
    await new Promise((r) => setTimeout(r, 0))
    expect(store.getState().view).toBe('events')
    expect(store.getState().selectedId).toBe('01B')
  })
})
