/**
 * The capture function on a real receiver and a real event log in a temp dir, driven with
 * fastify's inject() (no port): what is stored is the final event, refusals (413, 408, 403) are
 * recorded as rejected, a paused capture stores nothing, the tunnel's self-check is answered and
 * never stored, and the bytes handed on ({event, body}) and stored are exactly those sent.
 */
import { createHmac } from 'node:crypto'
import { PassThrough } from 'node:stream'
import type { FastifyInstance } from 'fastify'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  createCapture,
  type Captured,
  type CaptureDeps,
} from '../../../electron/core/hooklens/capture'
import { createAnalyzers } from '../../../electron/core/hooklens/default-analyzers'
import { sourceRefusal } from '../../../electron/core/receiver/allow-list'
import { build } from '../../../electron/core/receiver/receiver'
import { defaultSettings } from '../../../electron/core/settings/settings-types'
import { EventStore } from '../../../electron/core/store/event-store'
import { makeTempDir, removeTempDir } from '../../helpers/temp-dir'

const SECRET = 'gh-secret'
let dir: string
let store: EventStore
let app: FastifyInstance | null = null
let captured: Captured[]

beforeEach(async () => {
  dir = await makeTempDir('hooklens-capture-')
  store = await EventStore.open({ dir })
  captured = []
})
afterEach(async () => {
  await app?.close()
  app = null
  await store.close()
  await removeTempDir(dir)
})

function receiver(
  over: Partial<CaptureDeps> = {},
  limits = { maxBodyBytes: 1024, bodyTimeoutMs: 0 },
) {
  const settings = defaultSettings()
  settings.receiver.maxBodyBytes = limits.maxBodyBytes
  const capture = createCapture({
    store,
    analyzers: createAnalyzers(),
    settings: () => settings,
    verifiers: () => [{ id: 'v-gh', scheme: 'github', secrets: [SECRET] }],
    urls: () => ({ local: 'http://127.0.0.1:9000', public: null }),
    paused: () => false,
    onCaptured: (c) => captured.push(c),
    ...over,
  })
  app = build({
    maxBodyBytes: limits.maxBodyBytes,
    onRequest: capture,
    bodyTimeoutMs: limits.bodyTimeoutMs,
  })
  return app
}

/** Bytes that survive no parse-and-reserialise: invalid UTF-8, CRLF, trailing spaces. */
const BODY = Buffer.concat([
  Buffer.from('{"a": 1,\r\n  "b": "x"}  \n'),
  Buffer.from([0xff, 0xfe, 0x00, 0xc3]),
])
const sign = (b: Buffer) => `sha256=${createHmac('sha256', SECRET).update(b).digest('hex')}`

describe('createCapture', () => {
  it('stores the final event, with the exact bytes, and hands on the same {event, body}', async () => {
    const res = await receiver().inject({
      method: 'POST',
      url: '/hooks/gh?x=1',
      headers: { 'X-Hub-Signature-256': sign(BODY), 'X-GitHub-Event': 'push' },
      payload: BODY,
    })
    expect(res.statusCode).toBe(200)
    expect(captured).toHaveLength(1)
    const [{ event, body }] = captured
    expect(body.equals(BODY)).toBe(true)
    expect(event).toMatchObject({
      method: 'POST',
      path: '/hooks/gh',
      query: 'x=1',
      size: BODY.length,
      verification: { scheme: 'github', status: 'valid' },
      classification: { platform: 'github' },
      idempotency: { status: 'first' },
      response: { status: 200 },
    })
    // Read back from a fresh store over the same dir: the line on disk carries the final fields.
    await store.close()
    store = await EventStore.open({ dir })
    const stored = await store.getFull(event.id)
    expect(stored).toMatchObject({
      id: event.id,
      sha256: event.sha256,
      verification: event.verification,
      response: { status: 200, latencyMs: event.response.latencyMs },
      bodyEncoding: 'base64',
    })
    expect(Buffer.from(stored!.body, 'base64').equals(BODY)).toBe(true)
    expect((await store.readBody(event.id))!.equals(BODY)).toBe(true)
  })

  it('records a body over the limit as rejected with 413', async () => {
    const res = await receiver().inject({
      method: 'POST',
      url: '/big',
      payload: Buffer.alloc(4096, 'a'),
    })
    expect(res.statusCode).toBe(413)
    expect(JSON.parse(res.body)).toMatchObject({ error: 'body too large', limit: 1024, size: 4096 })
    const [e] = store.list()
    expect(e).toMatchObject({
      rejected: 'rejected: body too large',
      declaredSize: 4096,
      size: 0,
      response: { status: 413 },
    })
  })

  it('records a body that never finishes as rejected with 408', async () => {
    const slow = new PassThrough()
    slow.write('{"partial":')
    const res = await receiver({}, { maxBodyBytes: 1024, bodyTimeoutMs: 150 }).inject({
      method: 'POST',
      url: '/slow',
      headers: { 'content-type': 'application/json' },
      payload: slow,
    })
    expect(res.statusCode).toBe(408)
    expect(JSON.parse(res.body)).toEqual({ error: 'body not received within 0.1 s' })
    const [e] = store.list()
    expect(e.rejected).toBe('rejected: body not received within 0.1 s')
    expect(e.response.status).toBe(408)
    slow.destroy()
  })

  it('records a sender the allow-list refuses as rejected with 403', async () => {
    const refuse = sourceRefusal(() => ({ ips: ['10.0.0.0/8'], origins: [] }))
    const res = await receiver({ refuse }).inject({ method: 'POST', url: '/hooks', payload: '{}' })
    expect(res.statusCode).toBe(403)
    const [e] = store.list()
    expect(e.rejected).toMatch(
      /^rejected: source not allowed: source 127\.0\.0\.1 is not on the allow-list/,
    )
    expect(e.response.status).toBe(403)
    expect(captured[0].event.rejected).toBe(e.rejected)
  })

  it('answers but stores nothing while paused', async () => {
    const res = await receiver({ paused: () => true }).inject({
      method: 'POST',
      url: '/hooks',
      payload: '{}',
    })
    expect(res.statusCode).toBe(200)
    expect(store.count).toBe(0)
    expect(captured).toEqual([])
  })

  it("answers the tunnel's self-check before capture, never storing it, and adds warnings", async () => {
    const app = receiver({
      selfCheck: (raw) => (raw.path === '/__self' ? { status: 204, body: '' } : null),
      warnings: () => ['near the body cap'],
    })
    expect((await app.inject({ method: 'GET', url: '/__self' })).statusCode).toBe(204)
    expect(store.count).toBe(0)
    await app.inject({ method: 'POST', url: '/hooks', payload: '{}' })
    expect(store.list()[0].warnings).toEqual(['near the body cap'])
  })
})
