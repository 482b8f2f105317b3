import { describe, expect, it, vi } from 'vitest'
import {
  Notifier,
  type NotificationSpec,
  type NotifierClock,
} from '../../../electron/main/notifier'
import { createNotificationPresenter } from '../../../electron/main/notification-presenter'
import type { EventSummary } from '../../../shared/event'
import { FakeNotification } from './fake-electron'

/** A manual clock: timers fire only when the test advances time. */
class ManualClock implements NotifierClock {
  t = 1_000_000
  private timers: { at: number; fn: () => void; id: number }[] = []
  private next = 1
  now() {
    return this.t
  }
  setTimeout(fn: () => void, ms: number) {
    const id = this.next++
    this.timers.push({ at: this.t + ms, fn, id })
    return id
  }
  clearTimeout(id: unknown) {
    this.timers = this.timers.filter((x) => x.id !== id)
  }
  advance(ms: number) {
    const end = this.t + ms
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at)
      const due = this.timers[0]
      if (!due || due.at > end) break
      this.timers.shift()
      this.t = due.at
      due.fn()
    }
    this.t = end
  }
  get pending() {
    return this.timers.length
  }
}

let seq = 0
function ev(patch: {
  platform?: string
  eventType?: string | null
  verification?: EventSummary['verification']['status']
  idempotency?: EventSummary['idempotency']['status']
  reason?: string
}): EventSummary {
  seq++
  return {
    id: `01J0000000000000000000${String(seq).padStart(4, '0')}`,
    receivedAt: new Date().toISOString(),
    method: 'POST',
    path: '/hooks/in',
    query: '',
    headers: [],
    size: 2,
    sha256: '00',
    remoteAddress: '127.0.0.1',
    via: 'local',
    forwardedFor: null,
    verification: {
      scheme: 'stripe',
      status: patch.verification ?? 'valid',
      reason: patch.reason ?? 'signature matches',
    },
    idempotency: {
      key: `k${seq}`,
      source: 'sha256',
      status: patch.idempotency ?? 'first',
      firstId: 'x',
      count: 1,
    },
    classification: {
      platform: patch.platform ?? 'a2a',
      eventType: patch.eventType === undefined ? 'task.status-update' : patch.eventType,
      subject: null,
    },
    response: { status: 200, latencyMs: 1 },
  }
}

function setup(opts: { enabled?: boolean; suppressed?: boolean } = {}) {
  const clock = new ManualClock()
  const shown: NotificationSpec[] = []
  const times: number[] = []
  const state = { enabled: opts.enabled ?? true, suppressed: opts.suppressed ?? false }
  const n = new Notifier({
    clock,
    show: (s) => {
      shown.push(s)
      times.push(clock.now())
    },
    enabled: () => state.enabled,
    suppressed: () => state.suppressed,
    gatherMs: 400,
    minIntervalMs: 5000,
    urgentMinIntervalMs: 1500,
  })
  return { clock, shown, n, state, times }
}

describe('Notifier', () => {
  it('shows one notification for a single event after the gather window', () => {
    const { clock, shown, n } = setup()
    const e = ev({})
    n.onEvent(e)
    clock.advance(399)
    expect(shown).toHaveLength(0)
    clock.advance(1)
    expect(shown).toEqual([
      {
        title: 'New a2a event',
        body: 'task.status-update',
        eventId: e.id,
        urgent: false,
        count: 1,
      },
    ])
  })

  it('coalesces a burst into "12 new events from a2a"', () => {
    const { clock, shown, n } = setup()
    const events = Array.from({ length: 12 }, () => ev({ platform: 'a2a' }))
    for (const e of events) n.onEvent(e)
    clock.advance(1000)
    expect(shown).toHaveLength(1)
    expect(shown[0].title).toBe('12 new events from a2a')
    expect(shown[0].count).toBe(12)
    // A click on a coalesced notification opens the latest event of the burst.
    expect(shown[0].eventId).toBe(events[11].id)
  })

  it('names every platform of a mixed burst', () => {
    const { clock, shown, n } = setup()
    for (let i = 0; i < 3; i++) n.onEvent(ev({ platform: 'stripe' }))
    n.onEvent(ev({ platform: 'a2a' }))
    clock.advance(500)
    expect(shown[0]).toMatchObject({ title: '4 new events', body: 'stripe 3, a2a 1' })
  })

  it('rate limits: events during the quiet interval wait and arrive as one', () => {
    const { clock, shown, n, times } = setup()
    n.onEvent(ev({}))
    clock.advance(400)
    expect(shown).toHaveLength(1)
    // A steady trickle, one per second for 10 s: at most one notification per 5 s.
    for (let i = 0; i < 10; i++) {
      n.onEvent(ev({}))
      clock.advance(1000)
    }
    expect(shown.length).toBe(3)
    expect(shown.slice(1).map((s) => s.count)).toEqual([5, 5])
    for (let i = 1; i < times.length; i++)
      expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(5000)
  })

  it('drops routine events while muted or while the user looks at the inspector', () => {
    const { clock, shown, n, state } = setup({ enabled: false })
    n.onEvent(ev({}))
    clock.advance(10_000)
    expect(shown).toHaveLength(0)
    state.enabled = true
    state.suppressed = true
    n.onEvent(ev({}))
    clock.advance(10_000)
    expect(shown).toHaveLength(0)
  })

  it('drops a gathering burst when muted before it flushes', () => {
    const { clock, shown, n, state } = setup()
    n.onEvent(ev({}))
    state.enabled = false
    clock.advance(1000)
    expect(shown).toHaveLength(0)
  })

  it('notifies signature failures and conflicts even when muted', () => {
    const { clock, shown, n } = setup({ enabled: false, suppressed: true })
    const bad = ev({
      platform: 'stripe',
      verification: 'invalid',
      reason: 'timestamp 412 s old (tolerance 300 s)',
    })
    n.onEvent(bad)
    clock.advance(400)
    expect(shown).toEqual([
      {
        title: 'Signature check failed from stripe',
        body: 'task.status-update: timestamp 412 s old (tolerance 300 s)',
        eventId: bad.id,
        urgent: true,
        count: 1,
      },
    ])
    const conflict = ev({ platform: 'a2a', idempotency: 'conflict' })
    n.onEvent(conflict)
    clock.advance(2000)
    expect(shown[1]).toMatchObject({
      title: 'Idempotency conflict from a2a',
      urgent: true,
      eventId: conflict.id,
    })
    expect(shown[1].body).toContain('arrived again with a different body')
  })

  it('coalesces urgent bursts in their own lane, apart from routine ones', () => {
    const { clock, shown, n } = setup()
    for (let i = 0; i < 3; i++)
      n.onEvent(ev({ platform: 'stripe', verification: 'invalid', reason: 'wrong secret' }))
    for (let i = 0; i < 2; i++) n.onEvent(ev({ platform: 'stripe' }))
    clock.advance(500)
    const titles = shown.map((s) => s.title).sort()
    expect(titles).toEqual(['2 new events from stripe', '3 signature failures from stripe'])
    n.onEvent(ev({ platform: 'stripe', verification: 'missing', reason: 'no signature header' }))
    n.onEvent(ev({ platform: 'github', idempotency: 'conflict' }))
    clock.advance(2000)
    expect(shown[2]).toMatchObject({ title: '2 webhook problems', urgent: true })
  })

  it('dispose cancels pending notifications', () => {
    const { clock, shown, n } = setup()
    n.onEvent(ev({}))
    n.dispose()
    clock.advance(10_000)
    expect(shown).toHaveLength(0)
    expect(clock.pending).toBe(0)
  })
})

describe('notification presenter', () => {
  it('shows a native notification whose click opens that event', () => {
    FakeNotification.shown = []
    const onClick = vi.fn()
    const show = createNotificationPresenter({ Notification: FakeNotification as never, onClick })
    show({
      title: '12 new events from a2a',
      body: 'Latest: x',
      eventId: 'EVT1',
      urgent: false,
      count: 12,
    })
    expect(FakeNotification.shown).toHaveLength(1)
    const n = FakeNotification.shown[0]
    expect(n.options).toEqual({ title: '12 new events from a2a', body: 'Latest: x', silent: true })
    n.emit('click')
    expect(onClick).toHaveBeenCalledWith('EVT1')
  })

  it('does nothing where notifications are not supported', () => {
    FakeNotification.shown = []
    FakeNotification.supported = false
    const show = createNotificationPresenter({
      Notification: FakeNotification as never,
      onClick: vi.fn(),
    })
    show({ title: 't', body: 'b', eventId: 'E', urgent: true, count: 1 })
    expect(FakeNotification.shown).toHaveLength(0)
    FakeNotification.supported = true
  })
})
