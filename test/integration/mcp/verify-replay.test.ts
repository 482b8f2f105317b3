/**
 * `hooklens mcp` judging and replaying: explain_verification on a stale and on a re-serialised
 * Standard Webhooks event caught by a real `hooklens listen --secret`, replay_event with
 * `resign` accepted by the official `standardwebhooks` library in a local handler, remote
 * targets refused, send_sample to the running receiver — and the secret in no result.
 */
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Webhook } from 'standardwebhooks'
import { tempDir } from '../../helpers/temp-dir'
import { startHandler, type Handler } from '../replay/handler-server'
import { post, startListenWithControl, startMcp, type Listen, type Mcp } from './mcp-harness'

const SECRET = `whsec_${randomBytes(24).toString('base64')}`
const wh = new Webhook(SECRET)
let dir: { dir: string; cleanup: () => Promise<void> }
let listen: Listen
let mcp: Mcp
let handler: Handler
const texts: string[] = []

async function call(name: string, args: Record<string, unknown> = {}) {
  const r = await mcp.call(name, args)
  texts.push(r.text)
  return r
}

/** Signs `signed` as a Standard Webhooks sender at `at`, and POSTs `sent` with those headers. */
async function sendSigned(path: string, signed: string, sent: string, at: Date): Promise<string> {
  const msgId = `msg_${randomBytes(8).toString('hex')}`
  const status = await post(`${listen.url}${path}`, sent, {
    'content-type': 'application/json',
    'webhook-id': msgId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': wh.sign(msgId, at, signed),
  })
  expect(status).toBe(200)
  const list = await call('list_events', { path })
  return list.json.events.at(-1).id
}

beforeAll(async () => {
  dir = await tempDir('hooklens-mcp-verify-')
  listen = await startListenWithControl(dir.dir, ['--secret', `standard-webhooks=${SECRET}`])
  mcp = await startMcp(dir.dir)
  // A handler that verifies with the official library, as a user's handler would.
  handler = await startHandler((r) => {
    const headers = Object.fromEntries(r.headers.map(([k, v]) => [k.toLowerCase(), v]))
    try {
      wh.verify(r.body.toString('utf8'), headers)
      return { status: 200, body: 'verified' }
    } catch (err) {
      return { status: 401, body: (err as Error).message }
    }
  })
}, 180_000)

afterAll(async () => {
  await mcp?.close()
  await listen?.stop()
  await handler?.close()
  await dir?.cleanup()
})

describe('explain_verification', () => {
  it('says a stale event is outside the tolerance and how to fix it', async () => {
    const body = JSON.stringify({ type: 'invoice.paid', data: { id: 'inv_1' } })
    const id = await sendSigned('/hooks/stale', body, body, new Date(Date.now() - 3600_000))
    const r = await call('explain_verification', { id })
    expect(r.isError).toBe(false)
    expect(r.json.verdict).toBe('invalid')
    expect(r.json.scheme).toBe('standard-webhooks')
    expect(r.json.diagnosis.kind).toBe('timestamp')
    expect(r.json.reason).toMatch(/old|tolerance/)
    expect(r.json.whatToChange).toMatch(/resign: true/)
  })

  it('says a re-serialised body was changed after signing', async () => {
    // What a Python sender signs (json.dumps: ", " and ": "), re-serialised compactly.
    const signed = '{"type": "task.completed", "task": {"id": "t-1", "state": "completed"}}'
    const reserialised = JSON.stringify(JSON.parse(signed))
    const id = await sendSigned('/hooks/reserialised', signed, reserialised, new Date())
    const r = await call('explain_verification', { id })
    expect(r.json.verdict).toBe('invalid')
    expect(r.json.diagnosis.kind).toBe('body-altered')
    expect(r.json.whatToChange).toMatch(/raw request bytes/)
  })
})

describe('replay_event', () => {
  let staleId: string

  beforeAll(async () => {
    const body = JSON.stringify({ type: 'task.failed', task: { id: 't-9' } })
    staleId = await sendSigned('/hooks/replay-me', body, body, new Date(Date.now() - 7200_000))
  })

  it('byte-exact, a stale event is refused by the official library', async () => {
    const r = await call('replay_event', { id: staleId, to: `${handler.url}/webhook` })
    expect(r.isError).toBe(false)
    expect(r.json.delivery.response.status).toBe(401)
  })

  it('with resign, the official library accepts it; status, body excerpt and latency come back', async () => {
    const r = await call('replay_event', {
      id: staleId,
      to: `${handler.url}/webhook`,
      resign: true,
      setHeaders: [['x-replayed-by', 'hooklens-mcp']],
    })
    expect(r.isError).toBe(false)
    const d = r.json.delivery
    expect(d.status).toBe('delivered')
    expect(d.response.status).toBe(200)
    expect(d.response.untrusted.bodyExcerpt).toBe('verified')
    expect(typeof d.latencyMs).toBe('number')
    expect(d.notes.join(' ')).toMatch(/sign/i)
    const got = handler.received.at(-1)!
    expect(got.headers).toContainEqual(['x-replayed-by', 'hooklens-mcp'])
  })

  it('refuses remote targets, and says how to allow them', async () => {
    const before = handler.received.length
    for (const to of ['http://93.184.216.34/webhook', 'http://169.254.169.254/latest/meta-data']) {
      const r = await call('replay_event', { id: staleId, to, resign: true })
      expect(r.isError).toBe(true)
      expect(r.text).toMatch(/not a loopback or private address/)
      expect(r.text).toMatch(/--allow-remote/)
    }
    const bad = await call('replay_event', { id: staleId, to: 'file:///etc/passwd' })
    expect(bad.isError).toBe(true)
    expect(bad.text).toMatch(/http:\/\/ or https:\/\//)
    const list = await call('list_deliveries', { eventId: staleId })
    expect(list.json.count).toBe(2)
    expect(handler.received.length).toBe(before)
  })

  it('validates edits', async () => {
    const r = await call('replay_event', {
      id: staleId,
      to: handler.url,
      setHeaders: [['x-bad', 'a\r\nInjected: 1']],
    })
    expect(r.isError).toBe(true)
    expect(r.text).toMatch(/CR, LF or NUL/)
  })
})

describe('send_sample and status', () => {
  it('sends a signed sample to the running receiver and reports it', async () => {
    const status = await call('get_status')
    expect(status.json).toMatchObject({ mode: 'live', running: true, receiverUrl: listen.url })
    const r = await call('send_sample', { platform: 'standard-webhooks', secret: SECRET })
    expect(r.isError).toBe(false)
    expect(r.json.ok).toBe(true)
    expect(r.json.request.url).toBe(`${listen.url}/hooks/standard-webhooks`)
    const last = (await call('list_events', { limit: 1 })).json.events[0]
    expect(last.untrusted.path).toBe('/hooks/standard-webhooks')
    expect(last.verification.status).toBe('valid')
    const refused = await call('send_sample', { platform: 'stripe', to: 'https://example.com/' })
    expect(refused.isError).toBe(true)
  })

  it('never shows the secret in any result', () => {
    expect(texts.length).toBeGreaterThan(10)
    const key = SECRET.slice('whsec_'.length)
    for (const t of texts) {
      expect(t).not.toContain(SECRET)
      expect(t).not.toContain(key)
    }
  })
})
