/**
 * What the receiver answers: the default, response rules (status, headers, body, delay),
 * and 413 for an over-limit body that is still recorded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHooklens, type Hooklens } from '../../../electron/core/hooklens/hooklens'
import { rawRequest } from '../../helpers/raw-http'
import { tempDir } from '../../helpers/temp-dir'

let h: Hooklens
let dir: { dir: string; cleanup: () => Promise<void> }

beforeAll(async () => {
  dir = await tempDir()
  h = await createHooklens({ dataDir: dir.dir, port: 0, maxBodyBytes: 1024 })
  h.settings.update({
    responseRules: [
      { id: 'r1', method: 'POST', path: '/fail/**', status: 500, body: 'boom' },
      {
        id: 'r2',
        path: '/busy',
        status: 429,
        headers: [['Retry-After', '7']],
        body: '{"error":"slow down"}',
      },
      { id: 'r3', path: '/slow/*', status: 202, delayMs: 300 },
    ],
  })
  await h.start()
})
afterAll(async () => {
  await h.stop()
  await dir.cleanup()
})

describe('answers', () => {
  it('default is 200 {"ok":true}', async () => {
    const res = await fetch(`${h.receiverUrl}/anything`, { method: 'POST', body: 'x' })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/json')
    expect(await res.text()).toBe('{"ok":true}')
  })

  it('a rule matched by method and path sets the status and body', async () => {
    const res = await fetch(`${h.receiverUrl}/fail/deep/path`, { method: 'POST', body: 'x' })
    expect([res.status, await res.text()]).toEqual([500, 'boom'])
    expect(h.store.list().at(-1)!.response.status).toBe(500)
    const get = await fetch(`${h.receiverUrl}/fail/deep/path`)
    expect(get.status).toBe(200)
  })

  it('a 429 with Retry-After', async () => {
    const res = await fetch(`${h.receiverUrl}/busy`, { method: 'POST', body: '{}' })
    expect(res.status).toBe(429)
    expect(res.headers.get('retry-after')).toBe('7')
    // The event keeps what was answered (the inspector and the HAR export show it).
    expect(h.store.list().at(-1)!.response).toMatchObject({
      status: 429,
      headers: [['Retry-After', '7']],
      body: '{"error":"slow down"}',
    })
  })

  it('a delay holds the answer, but the event is stored before it', async () => {
    const started = Date.now()
    const before = h.store.count
    const pending = fetch(`${h.receiverUrl}/slow/x`, { method: 'POST', body: 'wait' })
    await new Promise((r) => setTimeout(r, 150))
    expect(h.store.count).toBe(before + 1)
    const res = await pending
    expect(res.status).toBe(202)
    expect(Date.now() - started).toBeGreaterThanOrEqual(290)
    expect(h.store.list().at(-1)!.response.latencyMs).toBeGreaterThanOrEqual(300)
  })
})

describe('body limit', () => {
  it('answers 413 with a JSON error and records the request without its body', async () => {
    const res = await rawRequest(
      h.receiverPort,
      ['POST /big HTTP/1.1', 'Host: x', 'Content-Type: application/json', 'Content-Length: 5000'],
      Buffer.alloc(5000, 120),
    )
    expect(res.status).toBe(413)
    expect(JSON.parse(res.body.toString())).toMatchObject({ error: 'body too large', limit: 1024 })
    const event = h.store.list().at(-1)!
    expect(event).toMatchObject({
      path: '/big',
      rejected: 'rejected: body too large',
      declaredSize: 5000,
      size: 0,
      response: { status: 413 },
    })
    expect(event.headers).toContainEqual(['Content-Length', '5000'])
  })

  it('a chunked body that grows past the limit is refused the same way', async () => {
    const chunk = Buffer.alloc(800, 65)
    const body = Buffer.concat([
      Buffer.from(`${chunk.length.toString(16)}\r\n`),
      chunk,
      Buffer.from('\r\n'),
      Buffer.from(`${chunk.length.toString(16)}\r\n`),
      chunk,
      Buffer.from('\r\n0\r\n\r\n'),
    ])
    const res = await rawRequest(
      h.receiverPort,
      ['POST /chunked HTTP/1.1', 'Host: x', 'Transfer-Encoding: chunked'],
      body,
    )
    expect(res.status).toBe(413)
    expect(h.store.list().at(-1)).toMatchObject({
      path: '/chunked',
      rejected: 'rejected: body too large',
    })
  })
})

describe('source allow-list from settings', () => {
  it('refuses other sources with 403 and records them as rejected', async () => {
    h.settings.update({ allowList: { ips: ['192.0.2.0/24'], origins: [] } })
    try {
      const res = await fetch(`${h.receiverUrl}/guarded`, { method: 'POST', body: '{}' })
      expect(res.status).toBe(403)
      expect(h.store.list().at(-1)).toMatchObject({
        path: '/guarded',
        response: { status: 403 },
        rejected: expect.stringMatching(/^rejected: source not allowed/),
      })
      h.settings.update({ allowList: { ips: ['127.0.0.1'], origins: [] } })
      const ok = await fetch(`${h.receiverUrl}/guarded`, { method: 'POST', body: '{}' })
      expect(ok.status).toBe(200)
    } finally {
      h.settings.update({ allowList: { ips: [], origins: [] } })
    }
  })
})
