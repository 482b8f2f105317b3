/**
 * The push batcher both the main process and the renderer use (shared/push-batcher.ts), driven
 * by a hand-turned clock: what goes out, when, in which order, and what is merged.
 */
import { describe, expect, it } from 'vitest'
import type { ApiPush } from '../../../shared/api'
import { createPushBatcher, pushKey, type Clock } from '../../../shared/push-batcher'
import type { EventSummary } from '../../../shared/event'

/** A clock whose time moves only when the test says so; `run` fires what is due. */
function manualClock() {
  let t = 1_000
  let pending: { at: number; fn: () => void; cancelled: boolean }[] = []
  let scheduled = 0
  const clock: Clock = {
    now: () => t,
    schedule(fn, ms) {
      const entry = { at: t + ms, fn, cancelled: false }
      pending.push(entry)
      scheduled++
      return () => {
        entry.cancelled = true
      }
    },
  }
  return {
    clock,
    get scheduled() {
      return scheduled
    },
    /** Delays of the timers still waiting, relative to now. */
    waits: () => pending.filter((p) => !p.cancelled).map((p) => p.at - t),
    advance(ms: number) {
      t += ms
      const due = pending.filter((p) => !p.cancelled && p.at <= t)
      pending = pending.filter((p) => !due.includes(p))
      for (const p of due) p.fn()
    },
  }
}

function setup<T>(windowMs = 300, keyOf?: (item: T) => string | undefined) {
  const c = manualClock()
  const sent: T[][] = []
  const b = createPushBatcher<T>({ deliver: (x) => sent.push(x), windowMs, clock: c.clock, keyOf })
  return { c, sent, b }
}

const summary = (id: string, status: number): EventSummary =>
  ({ id, response: { status, latencyMs: 1 } }) as EventSummary

describe('push batcher (shared by main and renderer)', () => {
  it('sends a burst as one batch, in order, after one timer', () => {
    const { c, sent, b } = setup<number>()
    for (let i = 0; i < 100; i++) b.add(i)
    expect(c.scheduled).toBe(1)
    expect(sent).toEqual([])
    c.advance(0)
    expect(sent).toEqual([Array.from({ length: 100 }, (_, i) => i)])
  })

  it('leading edge: a lone push goes out on the next tick, the next ones wait for the window', () => {
    const { c, sent, b } = setup<string>(300)
    b.add('a')
    expect(c.waits()).toEqual([0])
    c.advance(0)
    expect(sent).toEqual([['a']])
    c.advance(100)
    b.add('b')
    b.add('c')
    // 100 ms of the window are gone: the rest is what the next batch waits.
    expect(c.waits()).toEqual([200])
    c.advance(199)
    expect(sent).toHaveLength(1)
    c.advance(1)
    expect(sent).toEqual([['a'], ['b', 'c']])
    // After a quiet spell longer than the window, the next push is immediate again.
    c.advance(1_000)
    b.add('d')
    expect(c.waits()).toEqual([0])
  })

  it('flush sends now and cancels the timer; an empty flush sends nothing; dispose drops the queue', () => {
    const { c, sent, b } = setup<string>()
    b.flush()
    expect(sent).toEqual([])
    b.add('a')
    b.flush()
    expect(sent).toEqual([['a']])
    expect(c.waits()).toEqual([])
    c.advance(1_000)
    expect(sent).toEqual([['a']])
    b.add('b')
    b.dispose()
    c.advance(1_000)
    expect(sent).toEqual([['a']])
  })

  it('with keyOf, a later item replaces a queued one with its key and moves to the end', () => {
    const { c, sent, b } = setup<{ k?: string; v: number }>(300, (x) => x.k)
    b.add({ k: 'x', v: 1 })
    b.add({ v: 2 })
    b.add({ k: 'x', v: 3 })
    b.add({ k: 'y', v: 4 })
    b.add({ k: 'x', v: 5 })
    c.advance(0)
    expect(sent).toEqual([[{ v: 2 }, { k: 'y', v: 4 }, { k: 'x', v: 5 }]])
    // Keys are forgotten once a batch has gone out.
    b.add({ k: 'x', v: 6 })
    c.advance(300)
    expect(sent[1]).toEqual([{ k: 'x', v: 6 }])
  })

  it('pushKey: an event updated several times in a window is sent once, as its last state, after its capture', () => {
    const { c, sent, b } = setup<ApiPush>(300, pushKey)
    const pushes: ApiPush[] = [
      { type: 'eventCaptured', payload: summary('01A', 200) },
      { type: 'eventUpdated', payload: summary('01A', 201) },
      { type: 'eventCaptured', payload: summary('01B', 200) },
      { type: 'eventUpdated', payload: summary('01B', 202) },
      { type: 'eventUpdated', payload: summary('01A', 203) },
      { type: 'eventsCleared', payload: { cleared: 2 } },
      { type: 'eventsCleared', payload: { cleared: 0 } },
    ]
    for (const p of pushes) b.add(p)
    c.advance(0)
    expect(sent).toEqual([[pushes[0], pushes[2], pushes[3], pushes[4], pushes[5], pushes[6]]])
  })
})
