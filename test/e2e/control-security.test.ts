/**
 * The inspector's doors, against a real `hooklens listen`: no token → 401, a foreign Host or
 * Origin → 403 even with the token, and the receiver port (what the tunnel exposes) never serves
 * the inspector or the API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { request } from 'node:http'
import { startListen, type ListenProcess } from '../helpers/inspector-listen'

let listen: ListenProcess

beforeAll(async () => {
  listen = await startListen()
}, 120_000)
afterAll(async () => {
  await listen?.stop()
})

function raw(
  base: string,
  opts: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  const url = new URL(base)
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method: opts.method ?? 'GET',
        path: opts.path,
        headers: opts.headers,
      },
      (res) => {
        let body = ''
        res.on('data', (c) => (body += c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
      },
    )
    req.on('error', reject)
    req.end(opts.body)
  })
}

const json = { 'content-type': 'application/json' }

describe('control server access', () => {
  it('answers 401 without the token', async () => {
    expect((await raw(listen.uiOrigin, { path: '/' })).status).toBe(401)
    const api = await raw(listen.uiOrigin, {
      method: 'POST',
      path: '/api/getStatus',
      headers: json,
      body: '{}',
    })
    expect(api.status).toBe(401)
    expect(api.body).not.toContain('receiverUrl')
    expect((await raw(listen.uiOrigin, { path: '/api/events' })).status).toBe(401)
  })

  it('trades the printed token for a cookie that opens the API', async () => {
    const first = await raw(listen.uiOrigin, {
      path: `/?token=${encodeURIComponent(listen.token)}`,
    })
    expect(first.status).toBe(302)
    const cookie = String(first.headers['set-cookie']).split(';')[0]
    const page = await raw(listen.uiOrigin, { path: '/', headers: { cookie } })
    expect(page.status).toBe(200)
    expect(String(page.headers['content-security-policy'])).toContain("script-src 'self'")
    const api = await raw(listen.uiOrigin, {
      method: 'POST',
      path: '/api/getStatus',
      headers: { ...json, cookie },
      body: '{}',
    })
    expect(JSON.parse(api.body).result.receiverUrl).toBe(listen.receiverUrl)
  })

  it('answers 403 to a foreign Host or Origin, even with the token', async () => {
    const auth = { authorization: `Bearer ${listen.token}`, ...json }
    const rebind = await raw(listen.uiOrigin, {
      method: 'POST',
      path: '/api/getStatus',
      headers: { ...auth, host: 'attacker.example' },
      body: '{}',
    })
    expect(rebind.status).toBe(403)
    const origin = await raw(listen.uiOrigin, {
      method: 'POST',
      path: '/api/clearEvents',
      headers: { ...auth, origin: 'http://attacker.example' },
      body: '{}',
    })
    expect(origin.status).toBe(403)
    const ok = await raw(listen.uiOrigin, {
      method: 'POST',
      path: '/api/getStatus',
      headers: auth,
      body: '{}',
    })
    expect(ok.status).toBe(200)
  })

  it('the receiver port never serves the inspector or the API', async () => {
    expect(new URL(listen.receiverUrl).port).not.toBe(new URL(listen.uiOrigin).port)
    const auth = { authorization: `Bearer ${listen.token}`, ...json }
    const cookie = `hooklens_token=${listen.token}`
    const index = await raw(listen.receiverUrl, {
      path: `/?token=${listen.token}`,
      headers: { cookie },
    })
    expect(index.body).not.toMatch(/<script|<html/i)
    expect(index.headers['set-cookie']).toBeUndefined()
    const api = await raw(listen.receiverUrl, {
      method: 'POST',
      path: '/api/getStatus',
      headers: auth,
      body: '{}',
    })
    expect(api.body).not.toContain('receiverUrl')
    expect(api.body).not.toContain('dataDir')
    const settings = await raw(listen.receiverUrl, {
      method: 'POST',
      path: '/api/getSettings',
      headers: auth,
      body: '{}',
    })
    expect(settings.body).not.toContain('verifiers')
    const sse = await raw(listen.receiverUrl, { path: '/api/events', headers: { cookie } })
    expect(String(sse.headers['content-type'])).not.toContain('text/event-stream')
  })
})
