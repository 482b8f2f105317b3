/**
 * Forwarding to real local handlers: retries with growing delays, dead letters and redrive with
 * the original bytes, Retry-After, per-target ordering, filters, and records across restarts.
 * Sleeps are injected (recorded, not waited) so the suite stays fast.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  DeliveryStore,
  Forwarder,
  type ForwardableEvent,
  type ForwarderOptions,
} from '../../../electron/core/replay'
import { endToEndHeaders, startHandler, type Handler } from './handler-server'
import { makeTempDir, removeTempDir } from '../../helpers/temp-dir'

let dir: string
const cleanups: (() => Promise<void>)[] = []
beforeEach(async () => {
  dir = await makeTempDir('hooklens-fwd-')
})
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
  await removeTempDir(dir)
})

async function handler(respond?: Handler['respond']): Promise<Handler> {
  const h = await startHandler(respond)
  cleanups.push(() => h.close())
  return h
}
async function store(): Promise<DeliveryStore> {
  const s = await DeliveryStore.open({ dir })
  cleanups.push(() => s.close())
  return s
}
function forwarder(
  opts: Partial<ForwarderOptions> & Pick<ForwarderOptions, 'store'>,
  delays: number[] = [],
): Forwarder {
  const f = new Forwarder({
    random: () => 0.5,
    backoffBaseMs: 10,
    sleep: async (ms) => {
      delays.push(ms)
    },
    ...opts,
  })
  cleanups.push(() => f.stop())
  return f
}

let seq = 0
function event(body: string, extra: Partial<ForwardableEvent> = {}): ForwardableEvent {
  seq++
  return {
    id: `01EVENT${String(seq).padStart(19, '0')}`,
    method: 'POST',
    path: '/hooks/in',
    query: '',
    headers: [
      ['Content-Type', 'application/json'],
      ['Host', 'x.loca.lt'],
      ['X-Seq', String(seq)],
    ],
    classification: { platform: 'a2a', eventType: 'statusUpdate' },
    ...extra,
  }
}

describe('retries', () => {
  it('a handler failing 3 times then succeeding gets 4 attempts with growing delays', async () => {
    const h = await handler((_r, i) =>
      i < 3 ? { status: 503, body: 'warming up' } : { status: 200 },
    )
    const s = await store()
    const delays: number[] = []
    const f = forwarder({ store: s, rules: [{ id: 'r', targets: [h.url] }] }, delays)
    const [d] = f.enqueue(event('{"n":1}'), Buffer.from('{"n":1}'))
    await f.idle()
    expect(h.received).toHaveLength(4)
    expect(delays).toHaveLength(3)
    expect(delays[1]).toBeGreaterThan(delays[0])
    expect(delays[2]).toBeGreaterThan(delays[1])
    const rec = s.get(d.id)!
    expect(rec.status).toBe('delivered')
    expect(rec.attempts).toBe(4)
    expect(rec.deliveredAt).not.toBeNull()
    for (const r of h.received) expect(r.body.toString()).toBe('{"n":1}')
  })

  it('an always-failing handler dead-letters; redrive after recovery delivers the original bytes', async () => {
    let healthy = false
    const h = await handler(() => (healthy ? { status: 200 } : { status: 500, body: 'boom' }))
    const s = await store()
    const f = forwarder({ store: s, rules: [{ id: 'r', targets: [h.url], maxAttempts: 3 }] })
    const bytes = Buffer.concat([Buffer.from('{"x": 1}\r\n'), Buffer.from([0xc3, 0x28])])
    const [d] = f.enqueue(event('x'), bytes)
    await f.idle()
    let rec = s.get(d.id)!
    expect(rec.status).toBe('dead')
    expect(rec.attempts).toBe(3)
    expect(rec.lastError).toBe(
      `${new URL(h.url).host} answered 500: boom — gave up after 3 attempts`,
    )
    expect(s.list({ status: 'dead' }).map((x) => x.id)).toEqual([d.id])

    healthy = true
    expect(await f.redrive(d.id)).not.toBeNull()
    await f.idle()
    rec = s.get(d.id)!
    expect(rec.status).toBe('delivered')
    expect(rec.redrives).toBe(1)
    const last = h.received.at(-1)!
    expect(last.body.equals(bytes)).toBe(true)
    expect(endToEndHeaders(last.headers)).toEqual([
      ['Content-Type', 'application/json'],
      ['X-Seq', String(seq)],
    ])
    expect(await f.redrive(d.id)).toBeNull() // delivered: nothing to redrive
  })

  it('redrives all dead letters, oldest first', async () => {
    let healthy = false
    const h = await handler(() => ({ status: healthy ? 200 : 502 }))
    const s = await store()
    const f = forwarder({ store: s, rules: [{ id: 'r', targets: [h.url], maxAttempts: 1 }] })
    for (const n of [1, 2, 3]) f.enqueue(event(`${n}`), Buffer.from(`body-${n}`))
    await f.idle()
    expect(s.list({ status: 'dead' })).toHaveLength(3)
    healthy = true
    h.received.length = 0
    expect(await f.redriveAll()).toBe(3)
    await f.idle()
    expect(h.received.map((r) => r.body.toString())).toEqual(['body-1', 'body-2', 'body-3'])
    expect(s.list({ status: 'delivered' })).toHaveLength(3)
  })

  it('does not retry an answer that will not change (400) ', async () => {
    const h = await handler(() => ({ status: 400, body: 'bad payload' }))
    const s = await store()
    const f = forwarder({ store: s, rules: [{ id: 'r', targets: [h.url] }] })
    const [d] = f.enqueue(event('x'), Buffer.from('x'))
    await f.idle()
    expect(h.received).toHaveLength(1)
    expect(s.get(d.id)!.status).toBe('dead')
    expect(s.get(d.id)!.lastError).toContain('not retried')
  })
})

describe('Retry-After', () => {
  it('honours delta-seconds and HTTP dates instead of the backoff', async () => {
    const fixed = new Date('2026-11-25T16:00:00.000Z')
    const h = await handler((_r, i) =>
      i === 0
        ? { status: 429, headers: { 'retry-after': '2' } }
        : i === 1
          ? {
              status: 503,
              headers: { 'retry-after': new Date(fixed.getTime() + 7000).toUTCString() },
            }
          : { status: 200 },
    )
    const s = await store()
    const delays: number[] = []
    const f = forwarder(
      { store: s, now: () => fixed, rules: [{ id: 'r', targets: [h.url] }] },
      delays,
    )
    f.enqueue(event('x'), Buffer.from('x'))
    await f.idle()
    expect(delays).toEqual([2000, 7000])
    expect(h.received).toHaveLength(3)
  })
})

describe('ordering and fan-out', () => {
  it('keeps arrival order per target while one event is being retried; other targets are not held up', async () => {
    const a = await handler((r) =>
      r.body.toString() === 'e0' && a.received.filter((x) => x.body.toString() === 'e0').length < 3
        ? { status: 503 }
        : { status: 200 },
    )
    const b = await handler()
    const s = await store()
    const f = forwarder({ store: s, rules: [{ id: 'r', targets: [a.url, b.url] }] })
    const created = []
    for (let i = 0; i < 8; i++) created.push(...f.enqueue(event(`e${i}`), Buffer.from(`e${i}`)))
    expect(created).toHaveLength(16)
    await f.idle()
    expect(a.received.map((r) => r.body.toString())).toEqual([
      'e0',
      'e0',
      'e0',
      'e1',
      'e2',
      'e3',
      'e4',
      'e5',
      'e6',
      'e7',
    ])
    expect(b.received.map((r) => r.body.toString())).toEqual([
      'e0',
      'e1',
      'e2',
      'e3',
      'e4',
      'e5',
      'e6',
      'e7',
    ])
    expect(s.list({ status: 'delivered' })).toHaveLength(16)
  })

  it('enqueues synchronously without waiting for the target, and filters by rule', async () => {
    let release!: () => void
    const gate = new Promise<void>((r) => (release = r))
    const h = await handler(async () => {
      await gate
      return { status: 200 }
    })
    const s = await store()
    const f = forwarder({
      store: s,
      rules: [{ id: 'a2a-only', targets: [h.url], filter: { platform: 'a2a', path: '/hooks/*' } }],
    })
    const matched = f.enqueue(event('a'), Buffer.from('a'))
    const other = f.enqueue(
      event('b', { classification: { platform: 'stripe', eventType: null } }),
      Buffer.from('b'),
    )
    const wrongPath = f.enqueue(event('c', { path: '/other' }), Buffer.from('c'))
    const rejected = f.enqueue(event('d', { rejected: 'source not allowed' }), Buffer.from('d'))
    expect(Array.isArray(matched)).toBe(true)
    expect(matched.map((d) => d.status)).toEqual(['pending'])
    expect([other, wrongPath, rejected].map((x) => x.length)).toEqual([0, 0, 0])
    release()
    await f.idle()
    expect(h.received.map((r) => r.body.toString())).toEqual(['a'])
  })

  it('records an invalid target as a dead letter without holding up the valid one', async () => {
    const h = await handler()
    const s = await store()
    const f = forwarder({ store: s, rules: [{ id: 'r', targets: ['ftp://nope', h.url] }] })
    const created = f.enqueue(event('x'), Buffer.from('x'))
    await f.idle()
    expect(created.map((d) => d.status)).toEqual(['dead', 'pending'])
    expect(s.get(created[0].id)?.lastError).toContain('invalid target "ftp://nope"')
    expect(s.get(created[1].id)?.status).toBe('delivered')
  })

  it('appends the captured path when the rule asks', async () => {
    const h = await handler()
    const s = await store()
    const f = forwarder({
      store: s,
      rules: [{ id: 'r', targets: [`${h.url}/local`], appendPath: true }],
    })
    f.enqueue(event('x', { path: '/agents/a1/webhook', query: 'v=1' }), Buffer.from('x'))
    await f.idle()
    expect(h.received[0].url).toBe('/local/agents/a1/webhook?v=1')
  })
})

describe('restarts', () => {
  it('keeps delivery records and resumes forwards that were waiting for a retry', async () => {
    let healthy = false
    const h = await handler(() => ({ status: healthy ? 200 : 503 }))
    const s1 = await DeliveryStore.open({ dir })
    // A retry wait that only ends when the forwarder stops (the app quitting).
    const untilStopped = (_ms: number, signal: AbortSignal) =>
      new Promise<void>((_resolve, reject) =>
        signal.addEventListener('abort', () => reject(new Error('stopped'))),
      )
    const f1 = new Forwarder({
      store: s1,
      rules: [{ id: 'r', targets: [h.url] }],
      sleep: untilStopped,
    })
    const [waiting] = f1.enqueue(event('w'), Buffer.from('wait-for-me'))
    // Wait until the first attempt failed and the forward is waiting for its retry.
    while (s1.get(waiting.id)!.status !== 'failed') await new Promise((r) => setTimeout(r, 5))
    await f1.stop()
    await s1.close()

    const s2 = await store()
    const rec = s2.get(waiting.id)!
    expect(rec.status).toBe('failed')
    expect(rec.attempts).toBe(1)
    expect(rec.lastError).toMatch(/answered 503 — retrying in \d/)
    expect(rec.nextAttemptAt).not.toBeNull()

    healthy = true
    // A new process holds no bytes: it reads them from the event log by the record's event id.
    const f2 = forwarder({
      store: s2,
      rules: [],
      readBody: async (id) => (id === rec.eventId ? Buffer.from('wait-for-me') : null),
    })
    expect(f2.resume()).toBe(1)
    await f2.idle()
    expect(s2.get(waiting.id)!.status).toBe('delivered')
    expect(h.received.at(-1)!.body.toString()).toBe('wait-for-me')
  })
})
