import { describe, expect, it } from 'vitest'
import type { Classification } from '../../../shared/event'
import {
  DEFAULT_LENS_SETTINGS,
  SequenceTracker,
  buildTimeline,
  formatAgo,
} from '../../../electron/core/inspect/lens'

const T0 = Date.parse('2026-12-01T10:00:00.000Z')
const task = (state: string | null, eventType = 'statusUpdate'): Classification => ({
  platform: 'a2a',
  eventType,
  subject: 't-1',
  details: state ? { stateName: state } : {},
})
let n = 0
function ev(c: Classification, at: number, extra: { key?: string; bodyTime?: number } = {}) {
  n++
  return {
    id: `e${String(n).padStart(3, '0')}`,
    receivedAt: at,
    classification: c,
    idempotency: { key: extra.key ?? `k${n}`, status: 'first' },
    bodyTime: extra.bodyTime ?? null,
  }
}
const S = DEFAULT_LENS_SETTINGS

describe('sequences per subject', () => {
  it('a compliant run raises nothing and never stalls', () => {
    const t = new SequenceTracker()
    expect(t.observe(ev(task('working', 'task'), T0), S)).toEqual([])
    expect(t.observe(ev(task(null, 'artifactUpdate'), T0 + 1000), S)).toEqual([])
    expect(t.observe(ev(task('completed'), T0 + 2000), S)).toEqual([])
    expect(t.stalls(T0 + 3_600_000, S)).toEqual([])
  })

  it('reports a stall once: "task t-1 stalled: last update \'working\' 2 min ago"', () => {
    const t = new SequenceTracker()
    const first = ev(task('working', 'task'), T0)
    t.observe(first, S)
    expect(t.stalls(T0 + 119_999, S)).toEqual([])
    const [stall] = t.stalls(T0 + 120_000, S)
    expect(stall).toMatchObject({
      platform: 'a2a',
      subject: 't-1',
      noun: 'task',
      state: 'working',
      lastEventId: first.id,
      idleMs: 120_000,
      message: "task t-1 stalled: last update 'working' 2 min ago",
    })
    expect(t.stalls(T0 + 600_000, S)).toEqual([])
    // A later update clears it; silence again stalls again.
    t.observe(ev(task('working'), T0 + 700_000), S)
    expect(t.stalls(T0 + 800_000, { ...S, stallAfterMs: 60_000 })).toHaveLength(1)
  })

  it('the threshold is a setting; input-required is waiting on a person, not stalled', () => {
    const t = new SequenceTracker()
    t.observe(ev(task('working', 'task'), T0), S)
    expect(t.stalls(T0 + 30_000, { ...S, stallAfterMs: 30_000 })[0].message).toBe(
      "task t-1 stalled: last update 'working' 30 s ago",
    )
    const u = new SequenceTracker()
    u.observe(ev(task('input-required'), T0), S)
    expect(u.stalls(T0 + 3_600_000, S)).toEqual([])
  })

  it('flags an update after the terminal state (not a redelivery of it)', () => {
    const t = new SequenceTracker()
    t.observe(ev(task('working', 'task'), T0), S)
    const done = ev(task('completed'), T0 + 1000)
    t.observe(done, S)
    const dup = {
      ...ev(task('completed'), T0 + 1500),
      idempotency: { key: 'x', status: 'duplicate' },
    }
    expect(t.observe(dup, S)).toEqual([])
    const late = t.observe(ev(task(null, 'artifactUpdate'), T0 + 2000), S)
    expect(late).toEqual([
      {
        code: 'update-after-terminal',
        severity: 'error',
        message: `update after task t-1 reached its terminal state 'completed' (event ${done.id})`,
      },
    ])
  })

  it('flags states going backwards', () => {
    const t = new SequenceTracker()
    t.observe(ev(task('working'), T0), S)
    expect(t.observe(ev(task('submitted'), T0 + 1), S)).toEqual([
      {
        code: 'state-backwards',
        severity: 'warning',
        message: "task t-1 went back from 'working' to 'submitted'",
      },
    ])
    // input-required → working is the normal resume.
    t.observe(ev(task('input-required'), T0 + 2), S)
    expect(t.observe(ev(task('working'), T0 + 3), S)).toEqual([])
  })

  it('flags an out-of-order timestamp', () => {
    const t = new SequenceTracker()
    t.observe(ev(task('working'), T0, { bodyTime: T0 + 5000 }), S)
    const out = t.observe(ev(task('working'), T0 + 10, { bodyTime: T0 + 1000 }), S)
    expect(out.map((f) => f.code)).toEqual(['out-of-order-timestamp'])
    expect(out[0].message).toMatch(
      /^timestamp 2026-12-01T10:00:01\.000Z is earlier than 2026-12-01T10:00:05\.000Z/,
    )
  })

  it('flags a retry storm: the same key N times in M seconds', () => {
    const t = new SequenceTracker()
    const settings = { ...S, retryStormCount: 3, retryStormWindowMs: 10_000 }
    const c: Classification = { platform: 'stripe', eventType: 'x', subject: null }
    const codes = [0, 1000, 2000, 30_000].map((dt) =>
      t.observe(ev(c, T0 + dt, { key: 'evt_1' }), settings).map((f) => f.code),
    )
    expect(codes).toEqual([[], [], ['retry-storm'], []])
  })

  it('replay restores state (and a recorded stall is not reported again)', () => {
    const t = new SequenceTracker()
    const e = ev(task('working', 'task'), T0)
    t.replay({ ...e, findings: [{ code: 'stalled', severity: 'warning', message: 'x' }] })
    expect(t.stalls(T0 + 600_000, S)).toEqual([])
    const u = new SequenceTracker()
    u.replay(ev(task('completed'), T0))
    expect(u.observe(ev(task('working'), T0 + 1), S).map((f) => f.code)).toEqual([
      'update-after-terminal',
    ])
  })

  it('formats ages', () => {
    expect([formatAgo(4_000), formatAgo(125_000), formatAgo(7_300_000)]).toEqual([
      '4 s',
      '2 min',
      '2 h',
    ])
  })
})

describe('timeline', () => {
  it('lists state changes, artifacts, retries and gaps', () => {
    const base = {
      method: 'POST',
      path: '/a2a/t-1',
      query: '',
      headers: [],
      size: 1,
      sha256: 'x',
      remoteAddress: '127.0.0.1',
      via: 'local' as const,
      forwardedFor: null,
      verification: { scheme: null, status: 'none' as const, reason: '' },
      response: { status: 200, latencyMs: 1 },
    }
    const mk = (
      id: string,
      at: number,
      c: Classification,
      status: 'first' | 'duplicate' = 'first',
    ) => ({
      ...base,
      id,
      receivedAt: new Date(T0 + at).toISOString(),
      classification: c,
      idempotency: { key: id, source: 'sha256', status, firstId: id, count: 1 },
    })
    const tl = buildTimeline([
      mk('a', 0, task('working', 'task')),
      mk('b', 1500, task(null, 'artifactUpdate')),
      mk('c', 1500, task(null, 'artifactUpdate'), 'duplicate'),
      mk('d', 4000, task('completed')),
    ])!
    expect(tl.status).toBe('finished')
    expect(tl.entries.map((e) => [e.kind, e.gapMs])).toEqual([
      ['state', null],
      ['artifact', 1500],
      ['retry', 0],
      ['state', 2500],
    ])
  })
})
