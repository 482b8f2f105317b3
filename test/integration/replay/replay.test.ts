/**
 * Replay against real local handlers: byte-identical replays, re-signed replays of old captures
 * that pass the official libraries' verification, edits, and plain errors.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { Webhook } from 'standardwebhooks'
import Stripe from 'stripe'
import { verify as octokitVerify } from '@octokit/webhooks-methods'
import { replayRequest, type ReplaySource } from '../../../electron/core/replay'
import { endToEndHeaders, freePort, startHandler, type Handler } from './handler-server'

const handlers: Handler[] = []
afterEach(async () => {
  await Promise.all(handlers.splice(0).map((h) => h.close()))
})
async function handler(respond?: Handler['respond']): Promise<Handler> {
  const h = await startHandler(respond)
  handlers.push(h)
  return h
}

const HOUR_AGO = new Date(Date.now() - 3600_000)
const OLD_TS = String(Math.floor(HOUR_AGO.getTime() / 1000))

function capture(headers: [string, string][], path = '/hooks/in', query = ''): ReplaySource {
  return {
    id: '01JCAPTURE0000000000000000',
    method: 'POST',
    path,
    query,
    headers,
    receivedAt: HOUR_AGO.toISOString(),
  }
}

describe('replay without re-signing', () => {
  it('sends the captured body byte for byte and the headers in their original order', async () => {
    const h = await handler()
    // Not valid UTF-8, a trailing newline, odd whitespace: any re-serialisation would show.
    const body = Buffer.concat([
      Buffer.from('{"a": 1,  "b":"é"}\n'),
      Buffer.from([0xff, 0xfe, 0x00]),
    ])
    const headers: [string, string][] = [
      ['Host', 'abc.loca.lt'],
      ['Content-Type', 'application/json'],
      ['X-Custom', 'first'],
      ['connection', 'close'],
      ['x-custom', 'second'],
      ['Content-Length', String(body.length)],
      ['X-A2A-Notification-Token', 'tok'],
      ['Transfer-Encoding', 'chunked'],
      ['accept', '*/*'],
    ]
    const d = await replayRequest({ event: capture(headers), body, to: `${h.url}/api/hook` })
    expect(d.status).toBe('delivered')
    expect(d.response?.status).toBe(200)
    expect(h.received).toHaveLength(1)
    const got = h.received[0]
    expect(got.method).toBe('POST')
    expect(got.url).toBe('/api/hook')
    expect(got.body.equals(body)).toBe(true)
    expect(endToEndHeaders(got.headers)).toEqual([
      ['Content-Type', 'application/json'],
      ['X-Custom', 'first'],
      ['x-custom', 'second'],
      ['X-A2A-Notification-Token', 'tok'],
      ['accept', '*/*'],
    ])
    // The record references the captured bytes (sha256) instead of copying them.
    expect(d.request.bodySource).toBe('event')
    expect(d.request.body).toBeUndefined()
    expect(d.request.sha256).toBe(createHash('sha256').update(body).digest('hex'))
    expect(createHash('sha256').update(got.body).digest('hex')).toBe(
      createHash('sha256').update(body).digest('hex'),
    )
  })

  it('appends the captured path and query when asked, and applies header edits', async () => {
    const h = await handler()
    const body = Buffer.from('x=1')
    const d = await replayRequest({
      event: capture(
        [
          ['A', '1'],
          ['B', '2'],
          ['C', '3'],
        ],
        '/hooks/a2a',
        'task=9',
      ),
      body,
      to: `${h.url}/base/`,
      appendPath: true,
      setHeaders: [
        ['b', 'changed'],
        ['D', '4'],
      ],
      removeHeaders: ['c'],
    })
    expect(d.target).toBe(`${h.url}/base/hooks/a2a?task=9`)
    expect(h.received[0].url).toBe('/base/hooks/a2a?task=9')
    expect(endToEndHeaders(h.received[0].headers)).toEqual([
      ['A', '1'],
      ['B', 'changed'],
      ['D', '4'],
    ])
  })

  it('records the answer, caps the response body and warns that an old signature is stale', async () => {
    const h = await handler(() => ({ status: 422, body: 'y'.repeat(70_000) }))
    const d = await replayRequest({
      event: capture([
        ['webhook-id', 'msg_1'],
        ['webhook-timestamp', OLD_TS],
        ['webhook-signature', 'v1,abc'],
      ]),
      body: Buffer.from('{}'),
      to: h.url,
    })
    expect(d.status).toBe('failed')
    expect(d.response?.status).toBe(422)
    expect(d.response?.size).toBe(70_000)
    expect(d.response?.body.length).toBe(64 * 1024)
    expect(d.response?.truncated).toBe(true)
    expect(d.lastError).toContain('answered 422')
    expect(d.notes.join(' ')).toContain(
      'signed 60 min ago: standard-webhooks handlers usually reject',
    )
  })
})

describe('plain errors', () => {
  it('says nothing is listening when the connection is refused', async () => {
    const port = await freePort()
    const d = await replayRequest({
      event: capture([]),
      body: Buffer.from('{}'),
      to: `localhost:${port}`,
    })
    expect(d.status).toBe('failed')
    expect(d.response).toBeNull()
    expect(d.lastError).toBe(`nothing is listening on localhost:${port} — is your handler running?`)
  })

  it('says how long it waited when the handler never answers', async () => {
    const h = await handler(() => new Promise(() => undefined))
    const d = await replayRequest({
      event: capture([]),
      body: Buffer.from('{}'),
      to: h.url,
      timeoutMs: 150,
    })
    expect(d.status).toBe('failed')
    expect(d.lastError).toBe(`no answer from 127.0.0.1:${h.port} after 150 ms`)
  })
})

describe('replay with re-signing of an old capture', () => {
  it('passes standardwebhooks Webhook.verify and keeps the message id', async () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'
    const body = Buffer.from('{"type":"agent.run.completed","data":{"run":"r1"}}')
    const wh = new Webhook(secret)
    const oldSig = wh.sign('msg_keepme', HOUR_AGO, body.toString())
    const h = await handler((r) => {
      const hdrs = Object.fromEntries(r.headers.map(([k, v]) => [k.toLowerCase(), v]))
      try {
        wh.verify(r.body.toString(), hdrs)
        return { status: 204 }
      } catch (e) {
        return { status: 400, body: String(e) }
      }
    })
    const event = capture([
      ['content-type', 'application/json'],
      ['webhook-id', 'msg_keepme'],
      ['webhook-timestamp', OLD_TS],
      ['webhook-signature', oldSig],
    ])
    const stale = await replayRequest({ event, body, to: h.url })
    expect(stale.response?.status).toBe(400)

    const d = await replayRequest({
      event,
      body,
      to: h.url,
      resign: true,
      secrets: { verifiers: [{ id: 'v1', scheme: 'standard-webhooks', secrets: [secret] }] },
    })
    expect(d.response?.status).toBe(204)
    expect(d.status).toBe('delivered')
    const sent = Object.fromEntries(h.received[1].headers.map(([k, v]) => [k.toLowerCase(), v]))
    expect(sent['webhook-id']).toBe('msg_keepme')
    expect(d.notes[0]).toMatch(
      /^re-signed as standard-webhooks with timestamp \d+ using the secret from verifier 'v1'$/,
    )
    expect(JSON.stringify(d)).not.toContain(secret)

    const fresh = await replayRequest({
      event,
      body,
      to: h.url,
      newId: true,
      secrets: { overrides: { 'standard-webhooks': secret } },
    })
    expect(fresh.response?.status).toBe(204)
    const sent2 = Object.fromEntries(h.received[2].headers.map(([k, v]) => [k.toLowerCase(), v]))
    expect(sent2['webhook-id']).not.toBe('msg_keepme')
    expect(sent2['webhook-id']).toMatch(/^msg_/)
  })

  it('passes stripe webhooks.constructEvent', async () => {
    const secret = 'whsec_test_secret'
    const stripe = new Stripe('sk_test_123')
    const body = Buffer.from(
      JSON.stringify({ id: 'evt_1', object: 'event', type: 'payment_intent.succeeded' }, null, 2),
    )
    const oldSig = `t=${OLD_TS},v1=${createHmac('sha256', secret).update(`${OLD_TS}.`).update(body).digest('hex')}`
    const h = await handler((r) => {
      const sig = r.headers.find(([k]) => k.toLowerCase() === 'stripe-signature')?.[1] ?? ''
      try {
        const evt = stripe.webhooks.constructEvent(r.body, sig, secret)
        return { status: 200, body: evt.id }
      } catch (e) {
        return { status: 400, body: String(e) }
      }
    })
    const event = capture([
      ['Content-Type', 'application/json; charset=utf-8'],
      ['Stripe-Signature', oldSig],
    ])
    expect((await replayRequest({ event, body, to: h.url })).response?.status).toBe(400)
    const d = await replayRequest({
      event,
      body,
      to: h.url,
      resign: true,
      secrets: { overrides: { stripe: secret } },
    })
    expect(d.response?.status).toBe(200)
    expect(d.response?.body).toBe('evt_1')
  })

  it('passes @octokit/webhooks-methods verify after the body was edited', async () => {
    const secret = "It's a Secret to Everybody"
    const body = Buffer.from('{"action":"opened","issue":{"number":1}}')
    const edited = Buffer.from('{"action":"closed","issue":{"number":1}}')
    const oldSig = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`
    const h = await handler(async (r) => {
      const sig = r.headers.find(([k]) => k === 'X-Hub-Signature-256')?.[1] ?? ''
      return { status: (await octokitVerify(secret, r.body.toString(), sig)) ? 200 : 401 }
    })
    const event = capture([
      ['Content-Type', 'application/json'],
      ['X-GitHub-Event', 'issues'],
      ['X-Hub-Signature-256', oldSig],
    ])
    const unsigned = await replayRequest({ event, body, to: h.url, bodyOverride: edited })
    expect(unsigned.response?.status).toBe(401)
    expect(unsigned.notes.join('\n')).toContain('no github secret is configured')
    expect(unsigned.notes.join('\n')).toContain('the handler will reject it')

    const d = await replayRequest({
      event,
      body,
      to: h.url,
      bodyOverride: edited,
      secrets: {
        verifiers: [{ id: 'gh', name: 'repo hook', scheme: 'github', secrets: [secret] }],
      },
    })
    expect(d.response?.status).toBe(200)
    expect(h.received[1].body.equals(edited)).toBe(true)
    expect(d.notes[0]).toBe('body replaced (40 → 40 bytes)')
    expect(d.notes[1]).toContain("re-signed as github using the secret from verifier 'repo hook'")

    // resign: false sends the edited body under the original signature (the reject path).
    const kept = await replayRequest({
      event,
      body,
      to: h.url,
      bodyOverride: edited,
      resign: false,
      secrets: {
        verifiers: [{ id: 'gh', name: 'repo hook', scheme: 'github', secrets: [secret] }],
      },
    })
    expect(kept.response?.status).toBe(401)
    expect(h.received[2].body.equals(edited)).toBe(true)
    expect(h.received[2].headers).toContainEqual(['X-Hub-Signature-256', oldSig])
    expect(kept.notes.join('\n')).toContain('original github signature')
  })

  it.each([
    ['sha256=', 'the code sends sha256=<hex>'],
    ['', 'the docs show bare hex'],
  ])('passes an Agent Gateway verifier written from its docs (prefix %j: %s)', async (prefix) => {
    const secret = 's3cret'
    // Python json.dumps separators, as the reference sender writes the body.
    const body = Buffer.from(
      '{"agent_name": "triage", "event": "on_complete", "execution_id": "e1", "session_id": null, "output": "done", "timestamp": "2026-11-25T14:00:00+00:00"}',
    )
    const oldSig = createHmac('sha256', secret).update(`${OLD_TS}.`).update(body).digest('hex')
    const h = await handler((r) => {
      // The docs' verify(): hex HMAC of "{timestamp}." + body, constant-time compare; plus
      // "reject requests where the timestamp is more than a few minutes old".
      const ts = r.headers.find(([k]) => k === 'X-AgentGateway-Timestamp')?.[1] ?? ''
      const got = (r.headers.find(([k]) => k === 'X-AgentGateway-Signature')?.[1] ?? '').replace(
        /^sha256=/,
        '',
      )
      const expected = createHmac('sha256', secret).update(`${ts}.`).update(r.body).digest('hex')
      const fresh = Math.abs(Date.now() / 1000 - Number(ts)) <= 300
      const same =
        got.length === expected.length && timingSafeEqual(Buffer.from(got), Buffer.from(expected))
      return { status: same && fresh ? 200 : 401 }
    })
    const event = capture([
      ['content-type', 'application/json'],
      ['X-AgentGateway-Timestamp', OLD_TS],
      ['X-AgentGateway-Signature', `${prefix}${oldSig}`],
    ])
    expect((await replayRequest({ event, body, to: h.url })).response?.status).toBe(401)
    const d = await replayRequest({
      event,
      body,
      to: h.url,
      resign: true,
      secrets: { overrides: { 'agent-gateway': secret } },
    })
    expect(d.response?.status).toBe(200)
    const sent = h.received[1].headers.find(([k]) => k === 'X-AgentGateway-Signature')?.[1] ?? ''
    expect(sent.startsWith('sha256=')).toBe(prefix === 'sha256=')
  })

  it('sends a configured A2A token but never keeps it in the delivery record', async () => {
    const token = 'a2a-task-token-0123456789abcdef'
    const h = await handler((r) => ({
      status: r.headers.find(([k]) => k === 'X-A2A-Notification-Token')?.[1] === token ? 200 : 401,
    }))
    const event = capture([
      ['Content-Type', 'application/a2a+json'],
      ['X-A2A-Notification-Token', 'stale-token'],
    ])
    const d = await replayRequest({
      event,
      body: Buffer.from('{"statusUpdate":{}}'),
      to: h.url,
      resign: true,
      secrets: { verifiers: [{ id: 't', scheme: 'a2a-notification-token', secrets: [token] }] },
    })
    expect(d.response?.status).toBe(200)
    expect(JSON.stringify(d)).not.toContain(token)
    expect(d.request.headers.find(([k]) => k === 'X-A2A-Notification-Token')?.[1]).toBe('****cdef')
  })

  it('says so when asked to re-sign without a secret', async () => {
    const h = await handler()
    const d = await replayRequest({
      event: capture([['Stripe-Signature', `t=${OLD_TS},v1=00`]]),
      body: Buffer.from('{}'),
      to: h.url,
      resign: true,
    })
    expect(d.notes).toEqual([
      'not re-signed: no stripe secret is configured (add a verifier or pass --secret stripe=…)',
    ])
    expect(h.received[0].headers.find(([k]) => k === 'Stripe-Signature')?.[1]).toBe(
      `t=${OLD_TS},v1=00`,
    )
  })
})
