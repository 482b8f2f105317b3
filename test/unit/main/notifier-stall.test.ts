import { describe, expect, it } from 'vitest'
import { Notifier, type NotificationSpec } from '../../../electron/main/notifier'
import type { SubjectStall } from '../../../shared/api'

/** Timers fire only when the test advances time. */
function manualClock() {
  let t = 0
  let timers: { at: number; fn: () => void; id: number }[] = []
  let next = 1
  return {
    now: () => t,
    setTimeout(fn: () => void, ms: number) {
      timers.push({ at: t + ms, fn, id: next })
      return next++
    },
    clearTimeout(id: unknown) {
      timers = timers.filter((x) => x.id !== id)
    },
    advance(ms: number) {
      t += ms
      const due = timers.filter((x) => x.at <= t)
      timers = timers.filter((x) => x.at > t)
      for (const d of due) d.fn()
    },
  }
}

const stall = (subject: string): SubjectStall => ({
  platform: 'a2a',
  subject,
  noun: 'task',
  state: 'working',
  lastEventId: `ev-${subject}`,
  lastUpdateAt: '2026-12-01T10:00:00.000Z',
  idleMs: 120_000,
  message: `task ${subject} stalled: last update 'working' 2 min ago`,
})

describe('Notifier: stalled tasks', () => {
  it('shows "task t-1 stalled: last update \'working\' 2 min ago", even when muted', () => {
    const clock = manualClock()
    const shown: NotificationSpec[] = []
    const n = new Notifier({ clock, show: (s) => shown.push(s), enabled: () => false })
    n.onStall(stall('t-1'))
    clock.advance(400)
    expect(shown).toEqual([
      {
        title: 'Task stalled',
        body: "task t-1 stalled: last update 'working' 2 min ago",
        eventId: 'ev-t-1',
        urgent: true,
        count: 1,
      },
    ])
  })

  it('gathers stalls found together into one notification; dispose cancels', () => {
    const clock = manualClock()
    const shown: NotificationSpec[] = []
    const n = new Notifier({ clock, show: (s) => shown.push(s), enabled: () => true })
    n.onStall(stall('t-1'))
    n.onStall(stall('t-2'))
    clock.advance(400)
    expect(shown.map((s) => [s.title, s.body, s.eventId])).toEqual([
      ['2 tasks stalled', "Latest: task t-2 stalled: last update 'working' 2 min ago", 'ev-t-2'],
    ])
    n.onStall(stall('t-3'))
    n.dispose()
    clock.advance(1000)
    expect(shown).toHaveLength(1)
  })
})
