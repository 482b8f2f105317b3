import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  build,
  CSP,
  isLoopbackHost,
  startControlServer,
  tokenMatches,
} from '../../../electron/core/control'
import { createHttpClient } from '../../../shared/http-client'
import { createFakeApi } from '../../helpers/fake-api'
import { fakeEvent } from '../../helpers/fake-events'
import { makeTempDir, removeTempDir } from '../../helpers/temp-dir'

const TOKEN = 'test-token-0123456789'
let dir: string

beforeAll(async () => {
  dir = await makeTempDir('hooklens-control-')
  await mkdir(join(dir, 'assets'))
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>x</title>')
  await writeFile(join(dir, 'assets', 'app.js'), 'console.log(1)')
  await writeFile(join(tmpdir(), 'hooklens-secret-outside.txt'), 'secret')
})
afterAll(async () => {
  await removeTempDir(dir)
  await rm(join(tmpdir(), 'hooklens-secret-outside.txt'), { force: true })
})

function app() {
  return build({
    api: createFakeApi([fakeEvent({ id: 'E1' })]),
    staticDir: dir,
    token: TOKEN,
    port: 4567,
  })
}
const HOST = { host: '127.0.0.1:4567' }
const COOKIE = { ...HOST, cookie: `hooklens_token_4567=${TOKEN}` }

describe('access checks', () => {
  it('trades the URL token for an HttpOnly SameSite=Strict cookie and drops it from the URL', async () => {
    const res = await app().inject({ url: `/?token=${TOKEN}`, headers: HOST })
    expect(res.statusCode).toBe(302)
    expect(res.headers.location).toBe('/')
    const cookie = String(res.headers['set-cookie'])
    // Named for this control port (12.2): cookies are not port-scoped.
    expect(cookie).toContain(`hooklens_token_4567=${TOKEN}`)
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Strict/)
  })

  it('refuses a session cookie named for another port or without one (12.2)', async () => {
    const a = app()
    for (const cookie of [`hooklens_token=${TOKEN}`, `hooklens_token_9999=${TOKEN}`]) {
      const res = await a.inject({
        method: 'POST',
        url: '/api/getStatus',
        headers: { ...HOST, cookie },
        payload: {},
      })
      expect(res.statusCode).toBe(401)
    }
    const ok = await a.inject({
      method: 'POST',
      url: '/api/getStatus',
      headers: COOKIE,
      payload: {},
    })
    expect(ok.statusCode).toBe(200)
  })

  it('answers 401 without a token or with a wrong one', async () => {
    const a = app()
    expect((await a.inject({ url: '/', headers: HOST })).statusCode).toBe(401)
    expect(
      (await a.inject({ method: 'POST', url: '/api/getStatus', headers: HOST, payload: {} }))
        .statusCode,
    ).toBe(401)
    expect((await a.inject({ url: '/?token=nope', headers: HOST })).statusCode).toBe(401)
    const wrong = { ...HOST, cookie: 'hooklens_token=nope' }
    expect(
      (await a.inject({ method: 'POST', url: '/api/getStatus', headers: wrong, payload: {} }))
        .statusCode,
    ).toBe(401)
  })

  it('answers 403 to a foreign Host (DNS rebinding), even with the token', async () => {
    const a = app()
    for (const host of [
      'evil.example:4567',
      '127.0.0.1:9999',
      'localhost.evil.com:4567',
      '10.0.0.1:4567',
    ]) {
      const res = await a.inject({
        method: 'POST',
        url: '/api/getStatus',
        headers: { ...COOKIE, host },
        payload: {},
      })
      expect(res.statusCode, host).toBe(403)
    }
    for (const host of ['localhost:4567', '[::1]:4567', '127.0.0.1:4567']) {
      const res = await a.inject({
        method: 'POST',
        url: '/api/getStatus',
        headers: { ...COOKIE, host },
        payload: {},
      })
      expect(res.statusCode, host).toBe(200)
    }
  })

  it('answers 403 to a foreign Origin', async () => {
    const a = app()
    const res = await a.inject({
      method: 'POST',
      url: '/api/clearEvents',
      headers: { ...COOKIE, origin: 'http://evil.example' },
      payload: {},
    })
    expect(res.statusCode).toBe(403)
    const same = await a.inject({
      method: 'POST',
      url: '/api/getStatus',
      headers: { ...COOKIE, origin: 'http://127.0.0.1:4567' },
      payload: {},
    })
    expect(same.statusCode).toBe(200)
  })

  it('helpers: loopback names and constant-time token match', () => {
    expect(isLoopbackHost('localhost:80', undefined)).toBe(true)
    expect(isLoopbackHost('localhost', 80)).toBe(true)
    expect(isLoopbackHost('localhost', 81)).toBe(false)
    expect(isLoopbackHost(undefined, 80)).toBe(false)
    expect(tokenMatches('abc', 'abc')).toBe(true)
    expect(tokenMatches('abc', 'abcd')).toBe(false)
    expect(tokenMatches('abc', undefined)).toBe(false)
  })
})

describe('static files', () => {
  it('serves index.html with a strict CSP and no inline scripts allowed', async () => {
    const res = await app().inject({ url: '/', headers: COOKIE })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-security-policy']).toBe(CSP)
    expect(CSP).toContain("script-src 'self'")
    expect(CSP).not.toContain('unsafe-inline')
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    const js = await app().inject({ url: '/assets/app.js', headers: COOKIE })
    expect(js.headers['content-type']).toMatch(/javascript/)
  })

  it('refuses paths that climb out of the static folder', async () => {
    for (const url of [
      '/../hooklens-secret-outside.txt',
      '/%2e%2e/hooklens-secret-outside.txt',
      '/assets/..%2f..%2fhooklens-secret-outside.txt',
    ]) {
      const res = await app().inject({ url, headers: COOKIE })
      expect(res.statusCode, url).toBe(404)
      expect(res.body).not.toContain('secret')
    }
  })
})

describe('API routes', () => {
  it('routes only API_METHODS names and wraps results', async () => {
    const a = app()
    const ok = await a.inject({
      method: 'POST',
      url: '/api/getEvent',
      headers: COOKIE,
      payload: { id: 'E1' },
    })
    expect(ok.json().result.id).toBe('E1')
    const missing = await a.inject({
      method: 'POST',
      url: '/api/getEvent',
      headers: COOKIE,
      payload: { id: 'nope' },
    })
    expect(missing.json()).toEqual({ result: null })
    const unknown = await a.inject({
      method: 'POST',
      url: '/api/constructor',
      headers: COOKIE,
      payload: {},
    })
    expect(unknown.statusCode).toBe(404)
    const form = await a.inject({
      method: 'POST',
      url: '/api/clearEvents',
      headers: { ...COOKIE, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'a=1',
    })
    expect(form.statusCode).toBe(415)
  })

  it('maps a failing method to an error with its message', async () => {
    const res = await app().inject({
      method: 'POST',
      url: '/api/diffEvents',
      headers: COOKIE,
      payload: { a: 'x', b: 'y' },
    })
    expect(res.statusCode).toBe(500)
    expect(res.json().error).toBe('unknown event')
  })
})

describe('startControlServer + HTTP client over a real port', () => {
  it('calls methods and streams pushes over SSE', async () => {
    const api = createFakeApi()
    const server = await startControlServer({ api, staticDir: dir })
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/)
      const client = createHttpClient({ baseUrl: server.origin, token: server.token })
      expect((await client.getStatus({})).receiverPort).toBe(9000)
      const got: string[] = []
      const unsubscribe = client.subscribe((p) => got.push(p.type))
      for (let i = 0; i < 50 && api.listenerCount() === 0; i++)
        await new Promise((r) => setTimeout(r, 20))
      api.add(fakeEvent())
      for (let i = 0; i < 50 && got.length === 0; i++) await new Promise((r) => setTimeout(r, 20))
      expect(got).toEqual(['eventCaptured'])
      unsubscribe()
      const bad = createHttpClient({ baseUrl: server.origin, token: 'wrong' })
      await expect(bad.getStatus({})).rejects.toMatchObject({ status: 401 })
    } finally {
      await server.close()
    }
  })

  it('closes promptly while a browser still holds the event stream open', async () => {
    const api = createFakeApi()
    const server = await startControlServer({ api, staticDir: dir })
    const client = createHttpClient({
      baseUrl: server.origin,
      token: server.token,
      reconnectMs: 10_000,
    })
    const unsubscribe = client.subscribe(() => undefined)
    for (let i = 0; i < 50 && api.listenerCount() === 0; i++)
      await new Promise((r) => setTimeout(r, 20))
    expect(api.listenerCount()).toBe(1)
    await server.close()
    expect(api.listenerCount()).toBe(0)
    unsubscribe()
  })

  it('refuses to listen on a non-loopback address', async () => {
    await expect(
      startControlServer({ api: createFakeApi(), staticDir: dir, host: '0.0.0.0' }),
    ).rejects.toThrow(/loopback/)
  })
})
