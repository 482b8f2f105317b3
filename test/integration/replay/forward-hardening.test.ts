/**
 * Forwarding hardening (issues 12.1, 12.9, 12.10, 13.5): delivery records reference the event
 * instead of copying its body, a dead letter whose event was evicted says so, forwards are
 * re-signed per attempt, and headers named in Connection are not passed on. Real local
 * handlers, real files.
 */
import { createHash, createHmac } from 'node:crypto'
import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import Stripe from 'stripe'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DELIVERIES_FILE, ReplayService } from '../../../electron/core/replay'
import { emptyClassification, type CapturedEvent, type HeaderPair } from '../../../shared/event'
import { startHandler, type Handler } from './handler-server'
import { makeTempDir, removeTempDir } from '../../helpers/temp-dir'

let dir: string
const cleanups: (() => Promise<void>)[] = []
beforeEach(async () => {
  dir = await makeTempDir('hooklens-fwdh-')
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

let seq = 0
function captured(body: Buffer, headers: HeaderPair[], extra: Partial<CapturedEvent> = {}) {
  seq++
  const id = `01HARD${String(seq).padStart(20, '0')}`
  const e: CapturedEvent = {
    id,
    receivedAt: new Date().toISOString(),
    method: 'POST',
    path: '/hooks',
    query: '',
    headers,
    size: body.length,
    sha256: createHash('sha256').update(body).digest('hex'),
    remoteAddress: '127.0.0.1',
    via: 'local',
    forwardedFor: null,
    verification: { scheme: null, status: 'none', reason: '' },
    idempotency: { key: id, source: 'sha256', status: 'first', firstId: id, count: 1 },
    classification: emptyClassification(),
    response: { status: 200, latencyMs: 1 },
    body: body.toString('base64'),
    bodyEncoding: 'base64',
    ...extra,
  }
  return e
}

async function service(
  events: Map<string, CapturedEvent>,
  extra: Partial<Parameters<typeof ReplayService.open>[0]> = {},
): Promise<ReplayService> {
  const svc = await ReplayService.open({
    dataDir: dir,
    events: {
      getFull: async (id) => events.get(id) ?? null,
      readBody: async (id) => {
        const e = events.get(id)
        return e ? Buffer.from(e.body, 'base64') : null
      },
      has: (id) => events.has(id),
    },
    verifiers: () => [],
    forwarder: { sleep: async () => undefined, backoffBaseMs: 1 },
    ...extra,
  })
  cleanups.push(() => svc.close())
  return svc
}

describe('delivery records reference the event (12.1)', () => {
  it('a flood of 1 MiB bodies to a target answering 400 leaves the delivery log small', async () => {
    const h = await handler(() => ({ status: 400, body: 'no' }))
    const events = new Map<string, CapturedEvent>()
    const svc = await service(events, { sessionTargets: [h.url] })
    const body = Buffer.alloc(1024 * 1024, 'a')
    for (let i = 0; i < 8; i++) {
      const e = captured(body, [['Content-Type', 'text/plain']])
      events.set(e.id, e)
      svc.onCaptured(e, Buffer.from(e.body, 'base64'))
    }
    await new Promise((r) => setTimeout(r, 50))
    await svc.forwarder.idle()
    expect(h.received).toHaveLength(8)
    expect(h.received.every((r) => r.body.equals(body))).toBe(true)
    const dead = await svc.listDeliveries({ status: 'dead' })
    expect(dead).toHaveLength(8)
    expect(dead[0].request.body).toBeUndefined()
    expect(dead[0].request.sha256).toBe(createHash('sha256').update(body).digest('hex'))
    // Before: every record carried its body, ~8 MiB here. Now: headers and answers only.
    expect((await stat(join(dir, DELIVERIES_FILE))).size).toBeLessThan(64 * 1024)
  })

  it('a dead letter whose event was evicted says so, stays inspectable, and is not redriven', async () => {
    const h = await handler(() => ({ status: 400 }))
    const events = new Map<string, CapturedEvent>()
    const svc = await service(events, { sessionTargets: [h.url] })
    const e = captured(Buffer.from('{"a":1}'), [['Content-Type', 'application/json']])
    events.set(e.id, e)
    svc.onCaptured(e, Buffer.from(e.body, 'base64'))
    await new Promise((r) => setTimeout(r, 30))
    await svc.forwarder.idle()
    const [dead] = await svc.listDeliveries({ status: 'dead' })
    expect(dead.eventEvicted).toBeUndefined()

    events.delete(e.id) // retention dropped the event
    const [after] = await svc.listDeliveries({ status: 'dead' })
    expect(after.eventEvicted).toBe(true)
    expect(after.notes.join(' ')).toContain(`event ${e.id} was dropped by retention`)
    expect(after.response?.status).toBe(400)
    expect(after.request.headers.length).toBeGreaterThan(0)
    await expect(svc.redrive({ id: dead.id })).rejects.toThrow('was dropped by retention')
  })

  it('a forward whose event is evicted before its turn dead-letters with the reason', async () => {
    const h = await handler()
    const events = new Map<string, CapturedEvent>()
    const svc = await service(events, { sessionTargets: [h.url] })
    const e = captured(Buffer.from('x'), [])
    events.set(e.id, e)
    svc.onCaptured(e, Buffer.from('x'))
    events.delete(e.id)
    await new Promise((r) => setTimeout(r, 30))
    await svc.forwarder.idle()
    const [d] = await svc.listDeliveries()
    expect(d.status).toBe('dead')
    expect(d.lastError).toBe(`event ${e.id} was dropped by retention before it could be sent`)
    expect(h.received).toHaveLength(0)
  })
})

describe('forwarding re-signs (13.5)', () => {
  const secret = 'whsec_forward_secret'
  const OLD_TS = Math.floor(Date.now() / 1000) - 3600
  const body = Buffer.from('{"id":"evt_1","object":"event","type":"payment_intent.succeeded"}')
  const stale = `t=${OLD_TS},v1=${createHmac('sha256', secret).update(`${OLD_TS}.`).update(body).digest('hex')}`
  const stripe = new Stripe('sk_test_123')
  const checkStripe: Handler['respond'] = (r) => {
    const sig = r.headers.find(([k]) => k.toLowerCase() === 'stripe-signature')?.[1] ?? ''
    try {
      stripe.webhooks.constructEvent(r.body, sig, secret)
      return { status: 200 }
    } catch (err) {
      return { status: 400, body: String(err) }
    }
  }
  const verifiers = () => [{ id: 'v-stripe', scheme: 'stripe', secrets: [secret] }]
  const stripeEvent = () =>
    captured(body, [['Stripe-Signature', stale]], {
      verification: {
        scheme: 'stripe',
        status: 'invalid',
        reason: 'stale',
        verifierId: 'v-stripe',
      },
    })

  it('by default, where the scheme has a secret: a stale event reaches the handler valid', async () => {
    const h = await handler(checkStripe)
    const events = new Map<string, CapturedEvent>()
    const svc = await service(events, { sessionTargets: [h.url], verifiers })
    const e = stripeEvent()
    events.set(e.id, e)
    svc.onCaptured(e, Buffer.from(e.body, 'base64'))
    await new Promise((r) => setTimeout(r, 30))
    await svc.forwarder.idle()
    expect(h.received).toHaveLength(1)
    const [d] = await svc.listDeliveries()
    expect(d.status).toBe('delivered')
    expect(d.notes.join(' ')).toMatch(/re-signed as stripe with timestamp \d+/)
    expect(h.received[0].body.equals(body)).toBe(true)
  })

  it('never signs an event the sender did not sign', async () => {
    const h = await handler()
    const events = new Map<string, CapturedEvent>()
    const svc = await service(events, { sessionTargets: [h.url], verifiers })
    const e = captured(body, [['Content-Type', 'application/json']], {
      verification: {
        scheme: 'stripe',
        status: 'missing',
        reason: 'no signature',
        verifierId: 'v-stripe',
      },
    })
    events.set(e.id, e)
    svc.onCaptured(e, Buffer.from(e.body, 'base64'))
    await new Promise((r) => setTimeout(r, 30))
    await svc.forwarder.idle()
    expect(h.received[0].headers.some(([k]) => k.toLowerCase() === 'stripe-signature')).toBe(false)
  })

  it('resign: false forwards the captured signature as it was', async () => {
    const h = await handler(checkStripe)
    const events = new Map<string, CapturedEvent>()
    const svc = await service(events, {
      verifiers,
      rules: () => [{ id: 'as-is', targets: [h.url], resign: false, maxAttempts: 1 }],
    })
    const e = stripeEvent()
    events.set(e.id, e)
    svc.onCaptured(e, Buffer.from(e.body, 'base64'))
    await new Promise((r) => setTimeout(r, 30))
    await svc.forwarder.idle()
    expect(h.received[0].headers.find(([k]) => k === 'Stripe-Signature')?.[1]).toBe(stale)
    expect((await svc.listDeliveries())[0].status).toBe('dead')
  })
})

describe('hop-by-hop headers named in Connection (12.10)', () => {
  it('are not forwarded', async () => {
    const h = await handler()
    const events = new Map<string, CapturedEvent>()
    const svc = await service(events, { sessionTargets: [h.url] })
    const e = captured(Buffer.from('x'), [
      ['Connection', 'keep-alive, X-Hop-Secret'],
      ['X-Hop-Secret', 'proxy-only'],
      ['X-Kept', '1'],
    ])
    events.set(e.id, e)
    svc.onCaptured(e, Buffer.from(e.body, 'base64'))
    await new Promise((r) => setTimeout(r, 30))
    await svc.forwarder.idle()
    const names = h.received[0].headers.map(([k]) => k.toLowerCase())
    expect(names).toContain('x-kept')
    expect(names).not.toContain('x-hop-secret')
    const log = await readFile(join(dir, DELIVERIES_FILE), 'utf8')
    expect(log).not.toContain('proxy-only')
  })
})
