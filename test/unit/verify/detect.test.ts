// Auto-detection for every scheme (catalog order), the statuses without a matching verifier,
// path patterns, and verification as of the request's receivedAt rather than now.
import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { detectScheme, pathMatches, SCHEME_IDS, verifyRequest } from '../../../electron/core/verify'
import type { HeaderPair } from '../../../shared/event'
import { loadVectors, request, vectorInput } from './helpers'

const JWT = 'Bearer eyJhbGciOiJSUzI1NiJ9.eyJpYXQiOjF9.c2ln'

const DETECTION: [string, HeaderPair[], string?][] = [
  [
    'standard-webhooks',
    [
      ['webhook-signature', 'v1,abc'],
      ['webhook-id', 'm'],
      ['webhook-timestamp', '1'],
    ],
  ],
  ['standard-webhooks-v1a', [['webhook-signature', 'v1,abc v1a,def']]],
  ['svix', [['svix-signature', 'v1,abc']]],
  ['stripe', [['Stripe-Signature', 't=1,v1=ab']]],
  [
    'github',
    [
      ['X-Hub-Signature-256', 'sha256=ab'],
      ['X-Hub-Signature', 'sha1=ab'],
    ],
  ],
  ['github-sha1', [['X-Hub-Signature', 'sha1=ab']]],
  [
    'intercom',
    [
      ['X-Hub-Signature', 'sha1=ab'],
      ['User-Agent', 'intercom-parrot-service-client/1.0'],
    ],
  ],
  ['slack', [['X-Slack-Signature', 'v0=ab']]],
  ['shopify', [['X-Shopify-Hmac-Sha256', 'ab=']]],
  ['shopify', [['shopify-hmac-sha256', 'ab=']]],
  ['twilio', [['X-Twilio-Signature', 'ab=']]],
  ['linear', [['Linear-Signature', 'ab']]],
  ['discord', [['X-Signature-Ed25519', 'ab']]],
  ['zoom', [['x-zm-signature', 'v0=ab']]],
  ['paddle', [['Paddle-Signature', 'ts=1;h1=ab']]],
  ['square', [['x-square-hmacsha256-signature', 'ab']]],
  ['pagerduty', [['X-PagerDuty-Signature', 'v1=ab']]],
  ['sendgrid', [['X-Twilio-Email-Event-Webhook-Signature', 'ab']]],
  ['a2a-notification-token', [['X-A2A-Notification-Token', 't']]],
  ['agent-gateway', [['X-AgentGateway-Signature', 'ab']]],
  ['agentfield-execution', [['X-AgentField-Signature', 'sha256=ab']]],
  ['agentfield-approval', [['X-Hax-Signature', 't=1,v1=ab']]],
  ['agentfield-approval', [['X-Webhook-Signature', 'ab']]],
  [
    'mailgun',
    [['Content-Type', 'application/json']],
    '{"signature":{"token":"t","timestamp":"1","signature":"ab"}}',
  ],
  ['a2a-jwt', [['Authorization', JWT]]],
  ['a2a-authorization', [['Authorization', 'Bearer opaque-token']]],
]

describe('detectScheme', () => {
  it.each(DETECTION)('detects %s', (id, headers, body) => {
    expect(detectScheme(headers, body ? Buffer.from(body) : undefined)).toBe(id)
  })

  it('covers every catalog scheme (clerk and resend are detected as svix)', () => {
    const covered = new Set([...DETECTION.map(([id]) => id), 'clerk', 'resend'])
    for (const id of SCHEME_IDS.filter((s) => s !== 'hmac')) expect(covered, id).toContain(id)
  })

  it('follows the catalog order when several are present', () => {
    expect(
      detectScheme([
        ['Stripe-Signature', 't=1,v1=a'],
        ['svix-signature', 'v1,a'],
      ]),
    ).toBe('svix')
    expect(
      detectScheme([
        ['X-Slack-Signature', 'v0=a'],
        ['Stripe-Signature', 't=1,v1=a'],
      ]),
    ).toBe('stripe')
  })

  it('finds nothing on a plain request', () => {
    expect(detectScheme([['Content-Type', 'application/json']], Buffer.from('{"a":1}'))).toBeNull()
  })
})

describe('statuses without a matching verifier', () => {
  const body = '{"a":1}'
  const signed: HeaderPair[] = [
    ['X-Hub-Signature-256', 'sha256=' + createHmac('sha256', 's').update(body).digest('hex')],
  ]

  it('unverifiable: a signature, no secret for it', async () => {
    const r = await verifyRequest(request(signed, body, 1), [])
    expect(r).toMatchObject({
      scheme: 'github',
      status: 'unverifiable',
      reason: 'GitHub signature present but no secret is configured for it',
    })
  })

  it('none: no signature, no verifier', async () => {
    const r = await verifyRequest(request([], body, 1), [])
    expect(r).toMatchObject({
      scheme: null,
      status: 'none',
      reason: 'no signature and no verifier configured',
    })
  })

  it('skips verifiers whose path does not match', async () => {
    const verifiers = [{ id: 'v', scheme: 'github', secrets: ['s'], path: '/other/*' }]
    const r = await verifyRequest(
      request(signed, body, 1, 'http://127.0.0.1:9000/hooks/gh'),
      verifiers,
    )
    expect(r.status).toBe('unverifiable')
    const ok = await verifyRequest(
      request(signed, body, 1, 'http://127.0.0.1:9000/other/gh?x=1'),
      verifiers,
    )
    expect(ok.status).toBe('valid')
  })

  it('auto verifier: missing when no known signature is present on its own path', async () => {
    const r = await verifyRequest(request([], body, 1), [
      { id: 'a', scheme: 'auto', secrets: ['s'], path: '/hooks' },
    ])
    expect(r.status).toBe('missing')
    const everywhere = await verifyRequest(request([], body, 1), [
      { id: 'a', scheme: 'auto', secrets: ['s'] },
    ])
    expect(everywhere.status).toBe('none')
  })

  it('a valid verdict wins over another verifier’s miss; key rotation names the secret', async () => {
    const r = await verifyRequest(request(signed, body, 1), [
      { id: 'st', scheme: 'stripe', secrets: ['whsec_x'] },
      { id: 'gh', scheme: 'github', secrets: ['old', 's'] },
    ])
    expect(r).toMatchObject({
      status: 'valid',
      verifierId: 'gh',
      reason: 'GitHub signature verified with verifier "gh" (secret 2 of 2)',
    })
  })

  it('an unusable key is unverifiable, with a reason that names no secret', async () => {
    const v = loadVectors().find((x) => x.id === 'discord#1')!
    const r = await verifyRequest(vectorInput(v), [
      { id: 'd', scheme: 'discord', secrets: ['not-hex-key'] },
    ])
    expect(r.status).toBe('unverifiable')
    expect(r.reason).toBe('verifier "d" cannot verify: the public key is not hex')
  })
})

describe('path patterns', () => {
  it.each([
    ['/hooks/*', '/hooks/a', true],
    ['/hooks/*', '/hooks/a/b', false],
    ['/hooks/**', '/hooks/a/b', true],
    ['/exact', '/exact', true],
    ['/exact', '/exact/', false],
    [undefined, '/anything', true],
    ['/a.b', '/aXb', false],
  ] as const)('%s vs %s', (pattern, path, expected) => {
    expect(pathMatches(pattern, path)).toBe(expected)
  })
})

describe('verification as of receivedAt', () => {
  const v = loadVectors().find((x) => x.id === 'standard-webhooks#1')!

  it('a capture from long ago stays valid when verified today', async () => {
    const input = vectorInput(v) // received 10 s after signing, in 2023
    expect(Date.now() / 1000 - v.now).toBeGreaterThan(300)
    expect(
      (await verifyRequest(input, [{ id: 'x', scheme: v.scheme, secrets: [v.secret] }])).status,
    ).toBe('valid')
  })

  it('the same request received 10 minutes later is stale', async () => {
    const late = { ...vectorInput(v), receivedAt: new Date((v.now + 600) * 1000) }
    const r = await verifyRequest(late, [{ id: 'x', scheme: v.scheme, secrets: [v.secret] }])
    expect(r.reason).toBe('timestamp 610 s old (tolerance 300 s)')
  })
})
