// a2a-jwt with a JWKS URL: a real HTTP server on 127.0.0.1 serves the key set; the cache
// fetches once per key set, refetches for an unknown kid (key rotation), and reports errors
// without naming the URL.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { JwksCache, verifyRequest } from '../../../electron/core/verify'
import { request } from '../../unit/verify/helpers'
import { a2aJwt, jwks, rsaKey, type TestKey } from '../../unit/verify/jwt-sign'

const NOW = 1_700_000_000
const body = '{"statusUpdate":{"taskId":"t1","status":{"state":"TASK_STATE_COMPLETED"}}}'

let server: Server
let base: string
let served: TestKey[] = []
let fetches = 0
let failWith = 0

beforeAll(async () => {
  server = createServer((req, res) => {
    fetches++
    if (failWith) {
      res.writeHead(failWith).end()
      return
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(jwks(...served))
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(() => new Promise<void>((r) => server.close(() => r())))

describe('a2a-jwt with a JWKS URL', () => {
  it('fetches once, caches by kid, refetches on rotation', async () => {
    const k1 = rsaKey('k1')
    const k2 = rsaKey('k2')
    served = [k1]
    fetches = 0
    let clock = 0
    const cache = new JwksCache({ now: () => clock, minIntervalMs: 1000 })
    const verifiers = [{ id: 'j', scheme: 'a2a-jwt', secrets: [`${base}/.well-known/jwks.json`] }]
    const run = (key: TestKey) =>
      verifyRequest(
        request({ Authorization: `Bearer ${a2aJwt(key, body, NOW)}` }, body, NOW + 5),
        verifiers,
        { jwks: cache },
      )

    expect((await run(k1)).status).toBe('valid')
    expect((await run(k1)).status).toBe('valid')
    expect(fetches).toBe(1)

    served = [k1, k2]
    clock = 5000 // past the minimum interval: an unknown kid triggers one refetch
    expect((await run(k2)).status).toBe('valid')
    expect(fetches).toBe(2)
    expect((await run(k2)).status).toBe('valid')
    expect(fetches).toBe(2)
  })

  it('an unreachable or failing JWKS URL is unverifiable, and the reason does not name it', async () => {
    failWith = 500
    try {
      const k = rsaKey('kx')
      const url = `${base}/jwks-failing`
      const r = await verifyRequest(
        request({ Authorization: `Bearer ${a2aJwt(k, body, NOW)}` }, body, NOW),
        [{ id: 'j', scheme: 'a2a-jwt', secrets: [url] }],
        { jwks: new JwksCache() },
      )
      expect(r.status).toBe('unverifiable')
      expect(r.reason).toBe('verifier "j" cannot verify: the JWKS URL answered HTTP 500')
      expect(JSON.stringify(r)).not.toContain(url)
    } finally {
      failWith = 0
    }
  })
})
