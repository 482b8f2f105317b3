/**
 * The receiver's fastify app (electron/core/receiver/receiver.ts `build`) through `inject()`:
 * what it hands to the core for each request and how it answers. The core's seam is the
 * `onRequest` callback, so the test's own recorder takes the core's place; the app is the
 * real one. Header case and raw sockets are covered by test/integration/capture (inject()
 * lowercases header names); this file is about what `build` itself decides.
 */
import { Readable } from 'node:stream'
import { gzipSync } from 'node:zlib'
import type { FastifyInstance } from 'fastify'
import { afterEach, describe, expect, it } from 'vitest'
import {
  build,
  type ReceiverAnswer,
  type ReceiverOptions,
} from '../../../electron/core/receiver/receiver'
import type { RawRequest } from '../../../electron/core/receiver/raw-request'

const apps: FastifyInstance[] = []
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close()
})

const AT = new Date('2026-01-02T03:04:05.678Z')

/** The real receiver with a recorder in the core's place: every RawRequest it was handed. */
function receiver(
  over: Partial<ReceiverOptions> = {},
  answer: (raw: RawRequest) => ReceiverAnswer = (raw) => ({
    status: raw.rejected ? (raw.rejectStatus ?? 413) : 200,
    body: raw.rejected ?? 'ok',
  }),
) {
  const seen: RawRequest[] = []
  const warnings: string[] = []
  const app = build({
    maxBodyBytes: 1024,
    clock: () => AT,
    logger: { warn: (m) => warnings.push(m) },
    onRequest: async (raw) => {
      seen.push(raw)
      return answer(raw)
    },
    ...over,
  })
  apps.push(app)
  return { app, seen, warnings }
}

/** A body that arrives in the given chunks and then ends, or (end: false) never does. */
function chunked(chunks: Buffer[], end = true): Readable {
  const queue = [...chunks]
  return new Readable({
    read() {
      if (queue.length) this.push(queue.shift())
      else if (end) this.push(null)
    },
  })
}

describe('receiver build(): the bytes', () => {
  it('passes every byte value through exactly, whatever the content type says', async () => {
    const { app, seen } = receiver()
    const body = Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 7) % 256))
    const res = await app.inject({
      method: 'POST',
      url: '/bin',
      headers: { 'content-type': 'application/json' },
      payload: body,
    })
    expect(res.statusCode).toBe(200)
    expect(seen).toHaveLength(1)
    expect(Buffer.compare(seen[0].body, body)).toBe(0)
  })

  it('keeps a gzip body compressed, as sent', async () => {
    const { app, seen } = receiver()
    const gz = gzipSync(Buffer.from('{"type":"invoice.paid","n":1}\n'))
    await app.inject({
      method: 'POST',
      url: '/gz',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      payload: gz,
    })
    expect(Buffer.compare(seen[0].body, gz)).toBe(0)
  })

  it('does not reserialise JSON: spacing, key order and the trailing newline stay', async () => {
    const { app, seen } = receiver()
    const text = '{ "b" : 1,\n  "a": [1.0, 2e3], "é": "\\u00e9" }\n'
    await app.inject({
      method: 'POST',
      url: '/json',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      payload: text,
    })
    expect(seen[0].body.toString('utf8')).toBe(text)
  })

  it('records an empty body as zero bytes, with or without a content type', async () => {
    const { app, seen } = receiver()
    await app.inject({ method: 'POST', url: '/empty' })
    await app.inject({
      method: 'POST',
      url: '/empty',
      headers: { 'content-type': 'application/json', 'content-length': '0' },
    })
    expect(seen.map((r) => r.body.length)).toEqual([0, 0])
  })

  it('reads a body sent in chunks without a length', async () => {
    const { app, seen } = receiver()
    const parts = [Buffer.from('{"a":'), Buffer.from([0xff, 0x00]), Buffer.from('1}')]
    await app.inject({ method: 'POST', url: '/chunks', payload: chunked(parts) })
    expect(Buffer.compare(seen[0].body, Buffer.concat(parts))).toBe(0)
  })
})

describe('receiver build(): limits', () => {
  it('rejects a body declared over the limit without reading it, with its declared size', async () => {
    const { app, seen } = receiver({ maxBodyBytes: 100 })
    const res = await app.inject({ method: 'POST', url: '/big', payload: Buffer.alloc(101, 1) })
    expect(res.statusCode).toBe(413)
    expect(seen[0]).toMatchObject({ rejected: 'rejected: body too large', declaredSize: 101 })
    expect(seen[0].body.length).toBe(0)
    // The rest of the body stays unread: the connection must not be reused.
    expect(res.headers.connection).toBe('close')
  })

  it('accepts a body of exactly the limit', async () => {
    const { app, seen } = receiver({ maxBodyBytes: 100 })
    const res = await app.inject({ method: 'POST', url: '/edge', payload: Buffer.alloc(100, 2) })
    expect(res.statusCode).toBe(200)
    expect(seen[0].rejected).toBeUndefined()
    expect(seen[0].body.length).toBe(100)
  })

  it('rejects a chunked body once it passes the limit, with the bytes seen by then', async () => {
    const { app, seen } = receiver({ maxBodyBytes: 1000 })
    const parts = [Buffer.alloc(400), Buffer.alloc(400), Buffer.alloc(400), Buffer.alloc(400)]
    const res = await app.inject({ method: 'POST', url: '/stream', payload: chunked(parts) })
    expect(res.statusCode).toBe(413)
    expect(seen[0]).toMatchObject({ rejected: 'rejected: body too large', declaredSize: 1200 })
    expect(seen[0].body.length).toBe(0)
  })

  it('gives up on a body that does not arrive in time: recorded as a 408 with the bytes seen', async () => {
    const { app, seen } = receiver({ bodyTimeoutMs: 200 })
    const res = await app.inject({
      method: 'POST',
      url: '/slow',
      payload: chunked([Buffer.from('12345')], false),
    })
    expect(res.statusCode).toBe(408)
    expect(seen[0]).toMatchObject({
      rejected: 'rejected: body not received within 0.2 s',
      rejectStatus: 408,
      declaredSize: 5,
    })
    expect(res.headers.connection).toBe('close')
  })

  it('records the clock time the request arrived', async () => {
    const { app, seen } = receiver()
    await app.inject({ method: 'GET', url: '/' })
    expect(seen[0].receivedAt).toEqual(AT)
  })
})

describe('receiver build(): the request as sent', () => {
  it('keeps method, raw path and query, and duplicate headers in order', async () => {
    const { app, seen } = receiver()
    await app.inject({
      method: 'PATCH',
      url: '/hooks/a%20b/;x=1?y=2&y=1&z&enc=%2F',
      headers: {
        'x-dup': ['first', 'second', 'third'],
        'webhook-id': 'msg_1',
        'x-forwarded-for': ['10.0.0.1, 10.0.0.2', '203.0.113.9'],
      },
      remoteAddress: '192.0.2.7',
    })
    const r = seen[0]
    expect(r.method).toBe('PATCH')
    expect(r.path).toBe('/hooks/a%20b/;x=1')
    expect(r.query).toBe('y=2&y=1&z&enc=%2F')
    expect(r.headers.filter(([k]) => k === 'x-dup')).toEqual([
      ['x-dup', 'first'],
      ['x-dup', 'second'],
      ['x-dup', 'third'],
    ])
    expect(r.headers.map(([k]) => k).slice(0, 6)).toEqual([
      'x-dup',
      'x-dup',
      'x-dup',
      'webhook-id',
      'x-forwarded-for',
      'x-forwarded-for',
    ])
    expect(r.remoteAddress).toBe('192.0.2.7')
    // The last hop's entry, across repeated headers: the one the tunnel's proxy appended.
    expect(r.forwardedFor).toBe('203.0.113.9')
    expect(r.via).toBe('local')
  })

  it('answers methods fastify does not route by default, and an empty query as ""', async () => {
    const { app, seen } = receiver()
    for (const method of ['PROPFIND', 'PURGE', 'DELETE', 'OPTIONS', 'HEAD'] as const) {
      const res = await app.inject({ method, url: '/any/where?' })
      expect(res.statusCode).toBe(200)
    }
    expect(seen.map((r) => [r.method, r.path, r.query])).toEqual([
      ['PROPFIND', '/any/where', ''],
      ['PURGE', '/any/where', ''],
      ['DELETE', '/any/where', ''],
      ['OPTIONS', '/any/where', ''],
      ['HEAD', '/any/where', ''],
    ])
  })

  it('marks requests the tunnel brought', async () => {
    const { app, seen } = receiver({
      isTunnel: (headers) => headers.some(([k]) => k === 'x-tunnel-hop'),
    })
    await app.inject({ method: 'POST', url: '/t', headers: { 'x-tunnel-hop': '1' } })
    await app.inject({ method: 'POST', url: '/t' })
    expect(seen.map((r) => r.via)).toEqual(['tunnel', 'local'])
  })

  it("strips the inspector's own cookie and keeps the sender's cookies byte for byte", async () => {
    const { app, seen } = receiver()
    await app.inject({
      method: 'POST',
      url: '/c',
      headers: { cookie: 'a=1;b=two words; hooklens_token_5123=SECRET-TOKEN; c=3' },
    })
    await app.inject({
      method: 'POST',
      url: '/c',
      headers: { cookie: 'hooklens_token_5123=SECRET-TOKEN', 'x-after': 'kept' },
    })
    await app.inject({ method: 'POST', url: '/c', headers: { cookie: 'sid=a;b' } })
    expect(seen[0].headers.filter(([k]) => k === 'cookie')).toEqual([
      ['cookie', 'a=1; b=two words; c=3'],
    ])
    // A Cookie header holding only our cookie goes altogether; the others stay.
    expect(seen[1].headers.some(([k]) => k === 'cookie')).toBe(false)
    expect(seen[1].headers).toContainEqual(['x-after', 'kept'])
    expect(seen[2].headers).toContainEqual(['cookie', 'sid=a;b'])
    expect(JSON.stringify(seen)).not.toContain('SECRET-TOKEN')
  })

  it('has no routes of its own: API, settings and inspector paths are just captured requests', async () => {
    const { app, seen } = receiver({}, () => ({ status: 204 }))
    for (const url of ['/api/getSettings', '/api/events', '/?token=abc', '/index.html']) {
      const res = await app.inject({ method: 'POST', url, payload: '{}' })
      expect(res.statusCode).toBe(204)
      expect(res.body).toBe('')
    }
    expect(seen.map((r) => r.path)).toEqual(['/api/getSettings', '/api/events', '/', '/index.html'])
  })
})

describe('receiver build(): the answer', () => {
  it('sends the status, headers and exact body bytes the core chose', async () => {
    const bytes = Buffer.from([0x00, 0xff, 0x10])
    const { app } = receiver({}, () => ({
      status: 202,
      headers: [
        ['x-one', '1'],
        ['content-type', 'application/octet-stream'],
      ],
      body: bytes,
    }))
    const res = await app.inject({ method: 'POST', url: '/a' })
    expect(res.statusCode).toBe(202)
    expect(res.headers['x-one']).toBe('1')
    expect(res.headers['content-type']).toBe('application/octet-stream')
    expect(Buffer.compare(res.rawPayload, bytes)).toBe(0)
  })

  it('keeps a string body and its content type as given (no charset added)', async () => {
    const { app } = receiver({}, () => ({
      status: 200,
      headers: [['content-type', 'application/json']],
      body: '{"ok":true}',
    }))
    const res = await app.inject({ method: 'POST', url: '/a' })
    expect(res.headers['content-type']).toBe('application/json')
    expect(res.body).toBe('{"ok":true}')
  })

  it('answers 500 with a retry hint, and logs why, when the core could not record the request', async () => {
    const { app, warnings } = receiver({
      onRequest: () => Promise.reject(new Error('disk full')),
    })
    const res = await app.inject({ method: 'POST', url: '/fail?x=1', payload: 'secret body' })
    expect(res.statusCode).toBe(500)
    expect(res.json()).toEqual({ error: 'hooklens could not record this request', retry: true })
    expect(warnings).toEqual(['receiver: could not record POST /fail?x=1: disk full'])
    expect(warnings.join('')).not.toContain('secret body')
  })
})
