/**
 * Re-signing: each signer reproduces official vectors at the vector's timestamp, and every
 * signable scheme's fresh signature is marked valid by our own verifier (electron/core/verify).
 */
import { describe, expect, it } from 'vitest'
import { SEALED_SECRET_PREFIX, verifyRequest } from '../../../electron/core/verify'
import { findSecret, resign, SIGNERS } from '../../../electron/core/replay'
import type { HeaderPair } from '../../../shared/event'

function resignAt(
  scheme: string,
  secret: string,
  headers: HeaderPair[],
  body: string,
  nowSec: number,
  url = 'https://example.com/webhooks',
) {
  return resign({
    method: 'POST',
    headers,
    body: Buffer.from(body),
    scheme,
    sources: { overrides: { [scheme]: secret } },
    nowSec,
    newId: false,
    url,
  })
}
const get = (h: HeaderPair[], name: string) =>
  h.find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1]

describe('signers reproduce official vectors', () => {
  it('standard-webhooks (official g0hM… vector), keeping the message id', () => {
    const r = resignAt(
      'standard-webhooks',
      'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      [
        ['webhook-id', 'msg_p5jXN8AQM9LWM0D4loKWxJek'],
        ['webhook-timestamp', '1'],
        ['webhook-signature', 'v1,old'],
      ],
      '{"test": 2432232314}',
      1614265330,
    )
    expect(get(r.headers, 'webhook-signature')).toBe(
      'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    )
    expect(get(r.headers, 'webhook-id')).toBe('msg_p5jXN8AQM9LWM0D4loKWxJek')
    expect(get(r.headers, 'webhook-timestamp')).toBe('1614265330')
  })

  it('svix (Rust test_sign vector) writes svix-* headers', () => {
    const r = resignAt(
      'svix',
      'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD',
      [
        ['svix-id', 'msg_27UH4WbU6Z5A5EzD8u03UvzRbpk'],
        ['svix-timestamp', '1'],
        ['svix-signature', 'v1,x'],
      ],
      '{"email":"test@example.com","username":"test_user"}',
      1649367553,
    )
    expect(get(r.headers, 'svix-signature')).toBe('v1,tZ1I4/hDygAJgO5TYxiSd6Sd0kDW6hPenDe+bTa3Kkw=')
    expect(get(r.headers, 'webhook-signature')).toBeUndefined()
  })

  it('github (docs vector)', () => {
    const r = resignAt(
      'github',
      "It's a Secret to Everybody",
      [['X-Hub-Signature-256', 'sha256=00']],
      'Hello, World!',
      1,
    )
    expect(get(r.headers, 'X-Hub-Signature-256')).toBe(
      'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
    )
  })

  it('slack (docs vector)', () => {
    const body =
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c'
    const r = resignAt(
      'slack',
      '8f742231b10e8888abcd99yyyzzz85a5',
      [
        ['X-Slack-Request-Timestamp', '1'],
        ['X-Slack-Signature', 'v0=00'],
      ],
      body,
      1531420618,
    )
    expect(get(r.headers, 'X-Slack-Signature')).toBe(
      'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
    )
  })

  it('paddle (node SDK vector)', () => {
    const r = resignAt(
      'paddle',
      'VALID_SECRET',
      [['Paddle-Signature', 'ts=1;h1=00']],
      '{"data": ["1", "2"]}',
      1698796800,
    )
    expect(get(r.headers, 'Paddle-Signature')).toBe(
      'ts=1698796800;h1=a300428748dce5c70e4da19bffd60769591ea969c99dea3105d0ec9612cf43f9',
    )
  })

  it('square signs the notification URL', () => {
    const body = '{"data":{"type":"webhooks","id":"fake_id"}}'
    const r = resignAt('square', 'signature-key', [], body, 1, 'https://webhook.site/webhooks')
    expect(get(r.headers, 'x-square-hmacsha256-signature')).toBe(
      'W3FlCNk5IA3ZQ2LHTWoajvzfaDu/OwY2tNHIHC3IUOA=',
    )
  })
})

/** A captured request per scheme, signed long ago with a wrong value: re-signing must fix it. */
const CASES: {
  scheme: string
  secret: string
  headers: HeaderPair[]
  options?: Record<string, unknown>
}[] = [
  {
    scheme: 'standard-webhooks',
    secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    headers: [
      ['webhook-id', 'msg_1'],
      ['webhook-timestamp', '1000'],
      ['webhook-signature', 'v1,AAAA'],
    ],
  },
  {
    scheme: 'svix',
    secret: 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD',
    headers: [
      ['svix-id', 'msg_1'],
      ['svix-timestamp', '1000'],
      ['svix-signature', 'v1,AAAA'],
    ],
  },
  {
    scheme: 'clerk',
    secret: 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD',
    headers: [
      ['svix-id', 'msg_1'],
      ['svix-timestamp', '1000'],
      ['svix-signature', 'v1,AAAA'],
    ],
  },
  {
    scheme: 'resend',
    secret: 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD',
    headers: [
      ['svix-id', 'msg_1'],
      ['svix-timestamp', '1000'],
      ['svix-signature', 'v1,AAAA'],
    ],
  },
  {
    scheme: 'stripe',
    secret: 'whsec_test_secret',
    headers: [['Stripe-Signature', 't=1000,v1=00']],
  },
  {
    scheme: 'slack',
    secret: 'slack-secret',
    headers: [
      ['X-Slack-Request-Timestamp', '1000'],
      ['X-Slack-Signature', 'v0=00'],
    ],
  },
  {
    scheme: 'zoom',
    secret: 'zoom-secret',
    headers: [
      ['x-zm-request-timestamp', '1000'],
      ['x-zm-signature', 'v0=00'],
    ],
  },
  {
    scheme: 'agent-gateway',
    secret: 's3cret',
    headers: [
      ['X-AgentGateway-Timestamp', '1000'],
      ['X-AgentGateway-Signature', 'sha256=00'],
    ],
  },
  { scheme: 'paddle', secret: 'pdl_ntfset_x', headers: [['Paddle-Signature', 'ts=1000;h1=00']] },
  {
    scheme: 'agentfield-approval',
    secret: 'approval',
    headers: [['X-Hax-Signature', 't=1000,v1=00']],
  },
  {
    scheme: 'agentfield-execution',
    secret: 'whsec_your_hmac_secret',
    headers: [['X-AgentField-Signature', 'sha256=00']],
  },
  {
    scheme: 'github',
    secret: 'gh',
    headers: [
      ['X-GitHub-Event', 'push'],
      ['X-Hub-Signature', 'sha1=00'],
      ['X-Hub-Signature-256', 'sha256=00'],
    ],
  },
  {
    scheme: 'github-sha1',
    secret: 'gh',
    headers: [
      ['X-GitHub-Event', 'push'],
      ['X-Hub-Signature', 'sha1=00'],
    ],
  },
  { scheme: 'shopify', secret: 'shpss', headers: [['X-Shopify-Hmac-Sha256', 'AAAA']] },
  { scheme: 'pagerduty', secret: 'pd', headers: [['X-PagerDuty-Signature', 'v1=00']] },
  {
    scheme: 'intercom',
    secret: 'ic',
    headers: [
      ['User-Agent', 'intercom-parrot-service-worker/1.0'],
      ['X-Hub-Signature', 'sha1=00'],
    ],
  },
  { scheme: 'square', secret: 'sq', headers: [['x-square-hmacsha256-signature', 'AAAA']] },
  {
    scheme: 'a2a-notification-token',
    secret: 'task-token',
    headers: [['X-A2A-Notification-Token', 'old']],
  },
  { scheme: 'a2a-authorization', secret: 'Bearer abc', headers: [['Authorization', 'Bearer old']] },
  {
    scheme: 'hmac',
    secret: 'generic',
    headers: [
      ['X-Sig', 'sha512=00'],
      ['X-Ts', '1000'],
      ['X-Id', 'id-1'],
    ],
    options: {
      header: 'X-Sig',
      algorithm: 'sha512',
      encoding: 'base64',
      prefix: 'sha512=',
      template: '{method} {url} {id}.{timestamp}.{body}',
      timestampHeader: 'X-Ts',
      idHeader: 'X-Id',
    },
  },
]

describe('every signer produces what our verifier marks valid', () => {
  it('covers every signer in the table (Linear keeps its timestamp in the signed body)', () => {
    const signable = [...SIGNERS.keys()].filter((s) => s !== 'linear')
    expect(new Set(CASES.map((c) => c.scheme))).toEqual(new Set(signable))
  })

  it.each(CASES)('$scheme', async ({ scheme, secret, headers, options }) => {
    const url = 'http://127.0.0.1:3000/hooks/in'
    const body = Buffer.from('{"id":"evt_1","type":"x.y", "note": "spaces kept"}\n')
    const now = new Date()
    const verifier = { id: `v-${scheme}`, scheme, secrets: ['old-secret', secret], options }
    const input = { method: 'POST', url, headers, body, receivedAt: now }
    const before = await verifyRequest(input, [verifier])
    expect(before.status).toBe('invalid')

    // Rotation lists the newest secret first: re-signing uses it.
    const found = findSecret(scheme, {
      verifiers: [{ ...verifier, secrets: [secret, 'old-secret'] }],
    })
    expect(found?.secret).toBe(secret)
    const r = resign({
      method: 'POST',
      headers,
      body,
      scheme,
      sources: { verifiers: [{ ...verifier, secrets: [secret] }] },
      nowSec: Math.floor(now.getTime() / 1000),
      newId: false,
      url,
    })
    expect(r.signed).toBe(true)
    const after = await verifyRequest({ ...input, headers: r.headers }, [verifier])
    expect(after.status, after.reason).toBe('valid')
    expect(r.headers.length).toBeGreaterThanOrEqual(headers.length)
  })
})

describe('what re-signing cannot do, it says', () => {
  it('refuses asymmetric schemes with a reason', () => {
    const r = resign({
      method: 'POST',
      headers: [
        ['X-Signature-Ed25519', 'aa'],
        ['X-Signature-Timestamp', '1'],
      ],
      body: Buffer.from('{}'),
      sources: { overrides: { discord: 'x' } },
      nowSec: 1,
      newId: false,
      url: 'http://x',
    })
    expect(r.signed).toBe(false)
    expect(r.scheme).toBe('discord')
    expect(r.notes[0]).toContain('private key')
  })

  it('finds secrets across a family and from auto verifiers, never leaking them in notes', () => {
    expect(
      findSecret('svix', {
        verifiers: [{ id: 'a', scheme: 'standard-webhooks', secrets: ['whsec_AAAA'] }],
      })?.from,
    ).toBe("verifier 'a'")
    // An auto verifier's secret signs only an event it verified (issue 12.9).
    expect(
      findSecret('stripe', {
        verifiers: [{ id: 'auto1', scheme: 'auto', secrets: ['s'] }],
        validVerifierId: 'auto1',
      })?.secret,
    ).toBe('s')
    expect(
      findSecret('stripe', { verifiers: [{ id: 'auto1', scheme: 'auto', secrets: ['s'] }] }),
    ).toBeNull()
    expect(
      findSecret('stripe', { verifiers: [{ id: 'gh', scheme: 'github', secrets: ['s'] }] }),
    ).toBeNull()
    const r = resign({
      method: 'POST',
      headers: [['Stripe-Signature', 't=1,v1=00']],
      body: Buffer.from('{}'),
      sources: { overrides: { stripe: 'whsec_topsecret' } },
      nowSec: 5,
      newId: false,
      url: 'http://x',
    })
    expect(r.notes.join(' ')).not.toContain('topsecret')
  })

  it("never signs with an auto verifier's secret it has not seen verify this event (12.9)", () => {
    // An A2A push judged 'invalid' by the catch-all: that secret belongs to some other scheme.
    const input = {
      method: 'POST',
      headers: [['X-A2A-Notification-Token', 'tok-from-sender']] as HeaderPair[],
      body: Buffer.from('{"kind":"status-update"}'),
      scheme: 'a2a-notification-token',
      nowSec: 5,
      newId: false,
      url: 'http://x',
    }
    const verifiers = [{ id: 'auto', name: 'catch-all', scheme: 'auto', secrets: ['gh-secret'] }]
    const refused = resign({ ...input, sources: { verifiers, verifierId: 'auto' } })
    expect(refused.signed).toBe(false)
    expect(refused.headers).toEqual(input.headers)
    expect(refused.notes[0]).toContain(
      "verifier 'catch-all' detects the scheme but did not verify this event",
    )
    // When the catch-all did verify it, its secret is this scheme's.
    const ok = resign({
      ...input,
      sources: { verifiers, verifierId: 'auto', validVerifierId: 'auto' },
    })
    expect(ok.signed).toBe(true)
  })

  it('skips secrets sealed by the desktop app, and says so when only those exist', () => {
    const sealed = `${SEALED_SECRET_PREFIX}AAAA`
    const verifiers = [{ id: 'v', scheme: 'stripe', secrets: [sealed, 'whsec_plain'] }]
    expect(findSecret('stripe', { verifiers })?.secret).toBe('whsec_plain')
    const r = resign({
      method: 'POST',
      headers: [['Stripe-Signature', 't=1,v1=00']],
      body: Buffer.from('{}'),
      sources: { verifiers: [{ id: 'v', scheme: 'stripe', secrets: [sealed] }] },
      nowSec: 5,
      newId: false,
      url: 'http://x',
    })
    expect(r.signed).toBe(false)
    expect(r.notes[0]).toContain('encrypted by the desktop app')
  })

  it('gives a new id only when asked', () => {
    const headers: HeaderPair[] = [
      ['X-GitHub-Delivery', 'd-1'],
      ['X-Hub-Signature-256', 'sha256=00'],
    ]
    const keep = resign({
      method: 'POST',
      headers,
      body: Buffer.from('{}'),
      scheme: 'github',
      sources: { overrides: { github: 's' } },
      nowSec: 5,
      newId: false,
      url: 'http://x',
    })
    expect(get(keep.headers, 'X-GitHub-Delivery')).toBe('d-1')
    const fresh = resign({
      method: 'POST',
      headers,
      body: Buffer.from('{}'),
      scheme: 'github',
      sources: { overrides: { github: 's' } },
      nowSec: 5,
      newId: true,
      url: 'http://x',
    })
    expect(get(fresh.headers, 'X-GitHub-Delivery')).not.toBe('d-1')
  })
})
