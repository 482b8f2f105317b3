// Scheme behaviour the catalog vectors do not pin down: the generic hmac scheme's options,
// A2A JWTs with inline key sets, Standard Webhooks v1a, and options validation.
import { createHmac, generateKeyPairSync, sign } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  validateVerifier,
  verifiersFromFlags,
  verifyRequest,
  type VerifierConfig,
} from '../../../electron/core/verify'
import { request } from './helpers'
import { a2aJwt, jwks, rsaKey } from './jwt-sign'

const NOW = 1_700_000_000

describe('generic hmac', () => {
  const body = '{"event":"ping"}'
  const hmac = (
    alg: string,
    key: string | Buffer,
    data: string,
    enc: 'hex' | 'base64' | 'base64url',
  ) => createHmac(alg, key).update(data).digest(enc)

  it('signs {timestamp}.{body} with sha512/base64 and a prefix, with a timestamp tolerance', async () => {
    const v: VerifierConfig = {
      id: 'h',
      scheme: 'hmac',
      secrets: ['generic-secret'],
      tolerance: 60,
      options: {
        header: 'X-Sig',
        algorithm: 'sha512',
        encoding: 'base64',
        prefix: 'v1=',
        template: '{timestamp}.{body}',
        timestampHeader: 'X-Ts',
      },
    }
    const sig = hmac('sha512', 'generic-secret', `${NOW}.${body}`, 'base64')
    const ok = await verifyRequest(
      request({ 'X-Sig': `v1=${sig}`, 'X-Ts': String(NOW) }, body, NOW + 5),
      [v],
    )
    expect(ok.status, ok.reason).toBe('valid')
    const stale = await verifyRequest(
      request({ 'X-Sig': `v1=${sig}`, 'X-Ts': String(NOW) }, body, NOW + 90),
      [v],
    )
    expect(stale.reason).toBe('timestamp 90 s old (tolerance 60 s)')
  })

  it('covers {method} {url} {id}, base64url, sha1, hex-encoded secrets', async () => {
    const key = Buffer.from('00ff10ee', 'hex')
    const v: VerifierConfig = {
      id: 'h',
      scheme: 'hmac',
      secrets: ['00ff10ee'],
      options: {
        header: 'X-Sig',
        algorithm: 'sha1',
        encoding: 'base64url',
        template: '{method} {url} {id} {body}',
        idHeader: 'X-Id',
        secretEncoding: 'hex',
      },
    }
    const url = 'http://127.0.0.1:9000/hooks'
    const sig = hmac('sha1', key, `POST ${url} id-7 ${body}`, 'base64url')
    expect(
      (await verifyRequest(request({ 'X-Sig': sig, 'X-Id': 'id-7' }, body, NOW, url), [v])).status,
    ).toBe('valid')
    expect(
      (await verifyRequest(request({ 'X-Sig': sig, 'X-Id': 'id-8' }, body, NOW, url), [v])).status,
    ).toBe('invalid')
  })

  it('rejects incomplete options', () => {
    expect(validateVerifier({ scheme: 'hmac', secrets: ['s'], options: {} })).toEqual([
      'the hmac scheme needs a header option',
    ])
    expect(
      validateVerifier({
        scheme: 'hmac',
        secrets: ['s'],
        options: { header: 'X', algorithm: 'md5' },
      })[0],
    ).toMatch(/^algorithm must be/)
    expect(
      validateVerifier({
        scheme: 'hmac',
        secrets: ['s'],
        options: { header: 'X', template: '{timestamp}' },
      }),
    ).toEqual(['the template uses {timestamp} but no timestampHeader is set'])
    expect(validateVerifier({ scheme: 'nope', secrets: [] })).toEqual(['unknown scheme "nope"'])
    expect(validateVerifier({ scheme: 'discord', secrets: ['zz'] })).toEqual([
      'secret 1: the public key is not hex',
    ])
  })
})

describe('a2a-jwt with an inline key set', () => {
  const k1 = rsaKey('k1')
  const k2 = rsaKey('k2')
  const body = '{"id": "task-1", "status": {"state": "completed"}}'
  const verifier = (secret = jwks(k1, k2)): VerifierConfig[] => [
    { id: 'j', scheme: 'a2a-jwt', secrets: [secret] },
  ]
  const input = (jwt: string, b = body, at = NOW + 10) =>
    request({ Authorization: `Bearer ${jwt}` }, b, at)

  it('picks the key by kid; whitespace in the body does not matter (compact re-serialisation)', async () => {
    expect((await verifyRequest(input(a2aJwt(k2, body, NOW)), verifier())).status).toBe('valid')
    expect(
      (
        await verifyRequest(
          input(a2aJwt(k1, body, NOW), '{"id":"task-1","status":{"state":"completed"}}'),
          verifier(),
        )
      ).status,
    ).toBe('valid')
  })

  it('unknown kid, stale iat, changed body', async () => {
    const unknown = await verifyRequest(input(a2aJwt(rsaKey('k9'), body, NOW)), verifier())
    expect(unknown.reason).toBe('no key with kid "k9" in the key set')
    const stale = await verifyRequest(input(a2aJwt(k1, body, NOW), body, NOW + 400), verifier())
    expect(stale.reason).toBe('timestamp 400 s old (tolerance 300 s)')
    const changed = await verifyRequest(input(a2aJwt(k1, body, NOW), '{"id":"task-2"}'), verifier())
    expect(changed.reason).toBe(
      'the JWT is signed correctly but its request_body_sha256 does not match the body',
    )
  })

  it('an exp claim in the past at receipt time is invalid', async () => {
    const r = await verifyRequest(
      input(a2aJwt(k1, body, NOW, { exp: NOW + 5 }), body, NOW + 30),
      verifier(),
    )
    expect(r.reason).toBe('the JWT expired 25 s before the request was received')
    const ok = await verifyRequest(
      input(a2aJwt(k1, body, NOW, { exp: NOW + 60 }), body, NOW + 30),
      verifier(),
    )
    expect(ok.status).toBe('valid')
  })

  it('a key set that is not one is unverifiable without echoing it', async () => {
    const r = await verifyRequest(
      input(a2aJwt(k1, body, NOW)),
      verifier('{"not":"a key set", "secretish": 1'),
    )
    expect(r.status).toBe('unverifiable')
    expect(r.reason).toBe(
      'verifier "j" cannot verify: the key is neither a JWKS URL, JWKS JSON nor a PEM public key',
    )
  })
})

describe('standard-webhooks v1a (Ed25519)', () => {
  it('verifies with the whpk_ key among rotated entries and rejects a changed body', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519')
    const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url')
    const body = '{"a":1}'
    const sig = sign(null, Buffer.from(`msg_1.${NOW}.${body}`), privateKey).toString('base64')
    const headers = {
      'webhook-id': 'msg_1',
      'webhook-timestamp': String(NOW),
      'webhook-signature': `v1,bogus= v1a,${sig}`,
    }
    const v = [
      { id: 'e', scheme: 'standard-webhooks-v1a', secrets: [`whpk_${raw.toString('base64')}`] },
    ]
    expect((await verifyRequest(request(headers, body, NOW), v)).status).toBe('valid')
    expect((await verifyRequest(request(headers, '{"a":2}', NOW), v)).status).toBe('invalid')
  })
})

describe('verifiersFromFlags (listen --secret SCHEME=SECRET)', () => {
  it('groups secrets per scheme for rotation and reports bad flags without the secret', async () => {
    const { verifiers, problems } = verifiersFromFlags([
      'github=one',
      'github=two=with=equals',
      'stripe=whsec_x',
      'oops',
      'discord=zz-secret',
    ])
    expect(verifiers.map((v) => [v.scheme, v.secrets])).toEqual([
      ['github', ['one', 'two=with=equals']],
      ['stripe', ['whsec_x']],
    ])
    expect(problems).toEqual([
      '--secret #4 must be SCHEME=SECRET',
      '--secret discord: secret 1: the public key is not hex',
    ])
  })
})
