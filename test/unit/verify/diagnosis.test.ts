// One test per diagnosis class: each known mistake is reproduced by signing the way a buggy
// sender would, and the verdict must name that mistake in its one-sentence reason.
import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { verifyRequest, type VerifierConfig, type VerifyInput } from '../../../electron/core/verify'
import { request } from './helpers'

const hmacHex = (key: string | Buffer, data: string | Buffer, alg = 'sha256') =>
  createHmac(alg, key).update(data).digest('hex')
const hmacB64 = (key: string | Buffer, data: string | Buffer, alg = 'sha256') =>
  createHmac(alg, key).update(data).digest('base64')

const NOW = 1_700_000_000
const WHSEC = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'
const WHKEY = Buffer.from(WHSEC.slice(6), 'base64')

function github(body: string, key: string | Buffer, url?: string): VerifyInput {
  return request({ 'X-Hub-Signature-256': `sha256=${hmacHex(key, body)}` }, body, NOW, url)
}

function standard(body: string, key: string | Buffer, ts = NOW): VerifyInput {
  const sig = hmacB64(key, `msg_1.${ts}.${body}`)
  return request(
    { 'webhook-id': 'msg_1', 'webhook-timestamp': String(ts), 'webhook-signature': `v1,${sig}` },
    body,
    NOW,
  )
}

async function run(input: VerifyInput, verifiers: VerifierConfig[]) {
  return verifyRequest(input, verifiers)
}

const one = (
  scheme: string,
  secret: string,
  extra: Partial<VerifierConfig> = {},
): VerifierConfig[] => [{ id: 'v1', name: 'main', scheme, secrets: [secret], ...extra }]

describe('diagnosis: wrong secret', () => {
  it('names the other verifier whose secret matches', async () => {
    const verifiers: VerifierConfig[] = [
      {
        id: 'prod',
        name: 'production',
        scheme: 'github',
        secrets: ['alpha-secret'],
        path: '/hooks/a',
      },
      { id: 'stg', name: 'staging', scheme: 'github', secrets: ['beta-secret'], path: '/hooks/b' },
    ]
    const r = await run(
      github('{"a":1}', 'beta-secret', 'http://127.0.0.1:9000/hooks/a'),
      verifiers,
    )
    expect(r.status).toBe('invalid')
    expect(r.reason).toBe(
      'the signature matches the secret of verifier "staging", not this verifier\'s',
    )
    expect(r.diagnosis).toMatchObject({
      kind: 'wrong-secret',
      details: { verifierId: 'stg', secretIndex: 0 },
    })
    expect(r.verifierId).toBe('prod')
  })
})

describe('diagnosis: secret decoding', () => {
  it('whsec_ used as raw text for Standard Webhooks', async () => {
    const r = await run(standard('{"x":1}', WHSEC), one('standard-webhooks', WHSEC))
    expect(r.reason).toBe(
      'the signature was made with the whsec_ secret used as raw text instead of base64-decoded, but Standard Webhooks uses the base64-decoded bytes after whsec_',
    )
    expect(r.diagnosis).toMatchObject({
      kind: 'secret-encoding',
      details: { variant: 'whsec-raw' },
    })
  })

  it('whsec_ base64-decoded for Stripe, which uses the whole string', async () => {
    const body = '{"id":"evt_1"}'
    const sig = hmacHex(WHKEY, `${NOW}.${body}`)
    const r = await run(
      request({ 'Stripe-Signature': `t=${NOW},v1=${sig}` }, body, NOW),
      one('stripe', WHSEC),
    )
    expect(r.reason).toBe(
      'the signature was made with the whsec_ secret base64-decoded (Standard Webhooks style) instead of used as text, but Stripe uses the secret as text',
    )
  })

  it('hex secret decoded to bytes instead of used as text', async () => {
    const secret = 'a1b2c3d4e5f60718293a4b5c6d7e8f90'
    const r = await run(github('{"a":1}', Buffer.from(secret, 'hex')), one('github', secret))
    expect(r.reason).toBe(
      'the signature was made with the secret hex-decoded instead of used as text, but GitHub uses the secret as text',
    )
    expect(r.diagnosis?.details).toMatchObject({ variant: 'hex' })
  })

  it('base64-looking PagerDuty secret decoded instead of used literally', async () => {
    const secret = 'lDQHScfUeXUKaQRNF+8XIiDKZ7XX3itBAYzwU0TARw8lJqRnkKl2iB1anSb0Z+IK'
    const body = '{"event":{}}'
    const sig = hmacHex(Buffer.from(secret, 'base64'), body)
    const r = await run(
      request({ 'X-PagerDuty-Signature': `v1=${sig}` }, body, NOW),
      one('pagerduty', secret),
    )
    expect(r.reason).toBe(
      'the signature was made with the secret base64-decoded instead of used as text, but PagerDuty uses the secret as text',
    )
  })
})

describe('diagnosis: timestamp outside tolerance', () => {
  it('says how old, past the tolerance', async () => {
    const body = 'token=x&text=hi'
    const ts = NOW - 412
    const sig = hmacHex('slack-secret', `v0:${ts}:${body}`)
    const input = request(
      { 'X-Slack-Signature': `v0=${sig}`, 'X-Slack-Request-Timestamp': String(ts) },
      body,
      NOW,
    )
    const r = await run(input, one('slack', 'slack-secret'))
    expect(r.status).toBe('invalid')
    expect(r.reason).toBe('timestamp 412 s old (tolerance 300 s)')
    expect(r.diagnosis).toMatchObject({
      kind: 'timestamp',
      details: {
        direction: 'past',
        skewSeconds: 412,
        toleranceSeconds: 300,
        exceededBySeconds: 112,
      },
    })
  })

  it('says how far in the future', async () => {
    const r = await run(standard('{}', WHKEY, NOW + 301), one('standard-webhooks', WHSEC))
    expect(r.reason).toBe('timestamp 301 s in the future (tolerance 300 s)')
    expect(r.diagnosis?.details).toMatchObject({ direction: 'future', exceededBySeconds: 1 })
  })

  it('a configured tolerance overrides the default, and 0 disables the check', async () => {
    const input = standard('{}', WHKEY, NOW - 100)
    expect((await run(input, one('standard-webhooks', WHSEC, { tolerance: 60 }))).reason).toBe(
      'timestamp 100 s old (tolerance 60 s)',
    )
    expect(
      (
        await run(
          standard('{}', WHKEY, NOW - 99999),
          one('standard-webhooks', WHSEC, { tolerance: 0 }),
        )
      ).status,
    ).toBe('valid')
  })
})

describe('diagnosis: body altered after signing', () => {
  const obj = {
    id: 'evt_1',
    name: 'Zoë',
    nested: { b: 2, a: [1, 2.5, 'x<y'] },
    big: 820982911946154508n,
  }
  // JSON with a 64-bit id written literally (JSON.stringify cannot hold it).
  const compact =
    '{"id":"evt_1","name":"Zoë","nested":{"b":2,"a":[1,2.5,"x<y"]},"big":820982911946154508}'
  const pretty =
    '{\n  "id": "evt_1",\n  "name": "Zoë",\n  "nested": {\n    "b": 2,\n    "a": [\n      1,\n      2.5,\n      "x<y"\n    ]\n  },\n  "big": 820982911946154508\n}'
  void obj

  const cases: [string, string, string, string][] = [
    ['trailing newline added', compact, compact + '\n', 'with the trailing newline removed'],
    ['trailing newline removed', compact + '\n', compact, 'with a trailing newline added'],
    ['CRLF line endings', 'a=1\nb=2\n', 'a=1\r\nb=2\r\n', 'with CRLF line endings turned into LF'],
    ['pretty-printed in transit', compact, pretty, 're-serialised as compact JSON'],
    ['compacted in transit', pretty, compact, 're-serialised as pretty JSON (2-space indent)'],
    [
      'keys sorted',
      '{"big":820982911946154508,"id":"evt_1","name":"Zoë","nested":{"a":[1,2.5,"x<y"],"b":2}}',
      compact,
      're-serialised as compact JSON with sorted keys',
    ],
    [
      'Python json.dumps separators',
      '{"id": "evt_1", "name": "Zoë", "nested": {"b": 2, "a": [1, 2.5, "x<y"]}, "big": 820982911946154508}',
      compact,
      "re-serialised with Python json.dumps separators (', ' and ': ')",
    ],
    [
      'unicode escaped',
      '{"id":"evt_1","name":"Zo\\u00eb","nested":{"b":2,"a":[1,2.5,"x<y"]},"big":820982911946154508}',
      compact,
      're-serialised as compact JSON with non-ASCII characters \\u-escaped',
    ],
    [
      'Go HTML escaping undone',
      '{"id":"evt_1","name":"Zoë","nested":{"b":2,"a":[1,2.5,"x\\u003cy"]},"big":820982911946154508}',
      compact,
      "re-serialised as compact JSON with <, > and & escaped (Go's json.Marshal)",
    ],
  ]

  it.each(cases)('%s', async (_name, signed, received, describe) => {
    const input = request(
      { 'X-Hub-Signature-256': `sha256=${hmacHex('gh-secret', signed)}` },
      received,
      NOW,
    )
    const r = await run(input, one('github', 'gh-secret'))
    expect(r.status).toBe('invalid')
    expect(r.reason).toBe(
      `the signature matches the body ${describe}, so the body was changed after signing`,
    )
    expect(r.diagnosis?.kind).toBe('body-altered')
  })

  it('Twilio JSON body that no longer matches bodySHA256', async () => {
    const url = 'https://example.com/t?bodySHA256=' + 'ab'.repeat(32)
    const sig = hmacB64('tw-token', url, 'sha1')
    const input = request(
      { 'X-Twilio-Signature': sig, 'Content-Type': 'application/json' },
      '{}',
      NOW,
      url,
    )
    const r = await run(input, one('twilio', 'tw-token'))
    expect(r.reason).toBe(
      'the URL signature matches, but the body does not match the bodySHA256 in the URL',
    )
  })
})

describe('diagnosis: signature over another URL', () => {
  const params = 'Body=hi&From=%2B1555'
  const twilioSig = (url: string) => hmacB64('tw-token', url + 'Bodyhi' + 'From+1555', 'sha1')
  const twilioInput = (signedUrl: string, local: string, publicUrl: string | null) => ({
    ...request(
      {
        'X-Twilio-Signature': twilioSig(signedUrl),
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      params,
      NOW,
      local,
    ),
    publicUrl,
  })

  it('http instead of https on the public tunnel URL', async () => {
    const r = await run(
      twilioInput('http://abc.loca.lt/sms', 'http://127.0.0.1:9000/sms', 'https://abc.loca.lt/sms'),
      one('twilio', 'tw-token'),
    )
    expect(r.reason).toBe(
      'the signature was computed over http://abc.loca.lt/sms (the public tunnel URL, other scheme (http/https)), not https://abc.loca.lt/sms',
    )
    expect(r.diagnosis).toMatchObject({
      kind: 'url-mismatch',
      details: { variant: ['public', 'scheme'] },
    })
  })

  it('the local URL instead of the public one', async () => {
    const r = await run(
      twilioInput(
        'http://127.0.0.1:9000/sms',
        'http://127.0.0.1:9000/sms',
        'https://abc.loca.lt/sms',
      ),
      one('twilio', 'tw-token'),
    )
    expect(r.reason).toBe(
      'the signature was computed over http://127.0.0.1:9000/sms (the local receiver URL), not https://abc.loca.lt/sms',
    )
  })

  it('without the query string', async () => {
    const r = await run(
      twilioInput(
        'https://abc.loca.lt/sms',
        'http://127.0.0.1:9000/sms?x=1',
        'https://abc.loca.lt/sms?x=1',
      ),
      one('twilio', 'tw-token'),
    )
    expect(r.reason).toBe(
      'the signature was computed over https://abc.loca.lt/sms (the public tunnel URL, without the query string), not https://abc.loca.lt/sms?x=1',
    )
  })

  it('Square: trailing slash, against the configured notification URL', async () => {
    const body = '{"type":"payment.updated"}'
    const sig = hmacB64('sq-key', 'https://abc.loca.lt/square/' + body)
    const input = {
      ...request(
        { 'x-square-hmacsha256-signature': sig },
        body,
        NOW,
        'http://127.0.0.1:9000/square',
      ),
      publicUrl: 'https://abc.loca.lt/square',
    }
    const r = await run(
      input,
      one('square', 'sq-key', { options: { url: 'https://abc.loca.lt/square' } }),
    )
    expect(r.reason).toBe(
      'the signature was computed over https://abc.loca.lt/square/ (the public tunnel URL, trailing slash toggled), not https://abc.loca.lt/square',
    )
  })
})

describe('diagnosis: signature under another scheme’s header', () => {
  it('legacy sha1 header when sha256 is expected, and it verifies', async () => {
    const body = '{"zen":"hi"}'
    const input = request({ 'X-Hub-Signature': `sha1=${hmacHex('gh', body, 'sha1')}` }, body, NOW)
    const r = await run(input, one('github', 'gh'))
    expect(r.status).toBe('missing')
    expect(r.reason).toBe(
      "no x-hub-signature-256 header; the request is signed as github-sha1 (X-Hub-Signature) and that signature verifies with this verifier's secret",
    )
    expect(r.diagnosis).toMatchObject({
      kind: 'header-other-scheme',
      details: { found: 'github-sha1', verifies: true },
    })
  })

  it('a different scheme entirely', async () => {
    const input = standard('{}', WHKEY)
    const r = await run(input, one('stripe', 'whsec_other'))
    expect(r.status).toBe('missing')
    expect(r.reason).toBe(
      'no stripe-signature header; the request carries webhook-signature (standard-webhooks) instead',
    )
  })

  it('plain missing when nothing else is there, on the verifier’s own path', async () => {
    const r = await run(
      request({ 'Content-Type': 'application/json' }, '{}', NOW),
      one('stripe', 'whsec_x', { path: '/hooks' }),
    )
    expect(r.status).toBe('missing')
    expect(r.reason).toBe('no stripe-signature header (verifier "main" expects Stripe)')
  })

  it('an unsigned request is not "missing" for an every-path verifier it shows no sign of', async () => {
    const health = { ...request({ Accept: '*/*' }, '', NOW, 'http://127.0.0.1:9000/health') }
    health.method = 'GET'
    const form = request(
      { 'Content-Type': 'application/x-www-form-urlencoded' },
      'a=1&b=2',
      NOW,
      'http://127.0.0.1:9000/form',
    )
    for (const input of [health, form]) {
      const r = await run(input, one('stripe', 'whsec_x'))
      expect(r.status).toBe('none')
      expect(r.verifierId).toBeNull()
      expect(r.reason).toContain('nothing marks this request as stripe')
    }
    // A Stripe sender whose signature got lost is still "missing".
    const stripeUa = request(
      { 'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)' },
      '{}',
      NOW,
    )
    expect((await run(stripeUa, one('stripe', 'whsec_x'))).status).toBe('missing')
    const ghEvent = request({ 'X-GitHub-Event': 'push' }, '{}', NOW)
    expect((await run(ghEvent, one('github', 'gh'))).status).toBe('missing')
  })
})

describe('diagnosis: malformed header and unexplained mismatch', () => {
  it('a far too short GitHub signature is malformed, not a wrong secret', async () => {
    const r = await run(
      request({ 'X-Hub-Signature-256': 'sha256=00' }, '{}', NOW),
      one('github', 'gh'),
    )
    expect(r.status).toBe('invalid')
    expect(r.diagnosis?.kind).toBe('malformed')
    expect(r.reason).toBe(
      'X-Hub-Signature-256 is malformed: "00" is 2 characters, far too short for an HMAC-SHA256 signature',
    )
  })

  it('malformed Stripe-Signature', async () => {
    const r = await run(
      request({ 'Stripe-Signature': 'v1=abc' }, '{}', NOW),
      one('stripe', 'whsec_x'),
    )
    expect(r.status).toBe('invalid')
    expect(r.reason).toBe('Stripe-Signature has no t= timestamp')
    expect(r.diagnosis?.kind).toBe('malformed')
  })

  it('nothing explains it', async () => {
    const r = await run(github('{"a":1}', 'unknown-secret'), one('github', 'gh'))
    expect(r.reason).toBe(
      'the signature in X-Hub-Signature-256 matches no configured secret, and no known change to the body explains it',
    )
    expect(r.diagnosis?.kind).toBe('mismatch')
  })
})

describe('diagnosis: signature encoding and timestamp units', () => {
  it('the right MAC sent base64 where hex is expected', async () => {
    const body = '{"a":1}'
    const b64 = createHmac('sha256', 'gh').update(body).digest('base64')
    const r = await run(
      request({ 'X-Hub-Signature-256': `sha256=${b64}` }, body, NOW),
      one('github', 'gh'),
    )
    expect(r.reason).toBe(
      'the signature is the right MAC but base64-encoded, and GitHub expects hex',
    )
    expect(r.diagnosis).toMatchObject({
      kind: 'signature-encoding',
      details: { sentEncoding: 'base64' },
    })
  })

  it('a millisecond timestamp where seconds are expected', async () => {
    const body = '{}'
    const ms = String(NOW * 1000)
    const sig = hmacHex('slack-secret', `v0:${ms}:${body}`)
    const input = request(
      { 'X-Slack-Signature': `v0=${sig}`, 'X-Slack-Request-Timestamp': ms },
      body,
      NOW + 2,
    )
    const r = await run(input, one('slack', 'slack-secret'))
    expect(r.reason).toBe('timestamp is in milliseconds, but Slack expects seconds')
    expect(r.diagnosis?.details).toMatchObject({ unit: 'milliseconds' })
  })
})
