/**
 * `hooklens send`: every platform's sample, sent to a real local handler, is marked valid by our
 * own verifier (electron/core/verify) and, where one exists, by the platform's official library.
 */
import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Webhook } from 'standardwebhooks'
import Stripe from 'stripe'
import { verify as octokitVerify } from '@octokit/webhooks-methods'
import { verifyRequest } from '../../../electron/core/verify'
import { createAnalyzers } from '../../../electron/core/hooklens/default-analyzers'
import {
  buildSample,
  sampleEvents,
  SEND_PLATFORMS,
  sendSample,
} from '../../../electron/core/replay'
import { startHandler, type Handler } from './handler-server'

let h: Handler
beforeAll(async () => {
  h = await startHandler()
})
afterAll(async () => {
  await h.close()
})

const SECRETS: Record<string, string> = {
  a2a: 'task-token-123',
  'agent-gateway': 'gw-secret',
  agentfield: 'af-secret',
  'standard-webhooks': 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD',
  stripe: 'whsec_live_like_secret',
  github: 'gh-secret',
  slack: 'slack-signing-secret',
}

const cases = SEND_PLATFORMS.flatMap((p) => sampleEvents(p).map((e) => [p, e] as const))

describe('hooklens send', () => {
  it('covers the platforms the issue names', () => {
    expect([...SEND_PLATFORMS].sort()).toEqual([
      'a2a',
      'agent-gateway',
      'agentfield',
      'github',
      'slack',
      'standard-webhooks',
      'stripe',
    ])
  })

  it.each(cases)('%s %s is marked valid by our verifier', async (platform, event) => {
    const { sample, attempt } = await sendSample(platform, {
      to: `${h.url}/hooks/${platform}`,
      secret: SECRETS[platform],
      event,
    })
    expect(attempt.ok).toBe(true)
    const got = h.received.at(-1)!
    expect(got.body.equals(sample.body)).toBe(true)
    const verdict = await verifyRequest(
      {
        method: got.method,
        url: `${h.url}${got.url}`,
        headers: got.headers,
        body: got.body,
        receivedAt: new Date(),
      },
      [{ id: 'v', scheme: 'auto', secrets: [SECRETS[platform]] }],
    )
    expect(verdict.scheme).toBe(sample.scheme)
    expect(verdict.status, verdict.reason).toBe('valid')
  })

  it.each(cases)('%s %s is classified as that platform by our inspector', (platform, event) => {
    const s = buildSample(platform, { event, secret: SECRETS[platform] })
    const c = createAnalyzers().classify({
      id: '01S',
      receivedAt: new Date(),
      method: 'POST',
      path: '/hooks',
      query: '',
      headers: s.headers,
      body: s.body,
      sha256: createHash('sha256').update(s.body).digest('hex'),
      url: 'http://127.0.0.1:9000/hooks',
      publicUrl: null,
    })
    expect(c.platform).toBe(platform)
    expect(c.eventType).not.toBeNull()
  })

  it('signs with a public demo secret when none is given, and says so', async () => {
    const s = buildSample('agent-gateway')
    expect(s.secretUsed).toBe('s3cret')
    expect(s.notes.at(-1)).toContain('demo secret "s3cret"')
    const verdict = await verifyRequest(
      {
        method: 'POST',
        url: 'http://127.0.0.1/x',
        headers: s.headers,
        body: s.body,
        receivedAt: new Date(),
      },
      [{ id: 'v', scheme: 'agent-gateway', secrets: ['s3cret'] }],
    )
    expect(verdict.status).toBe('valid')
  })

  it('official libraries accept the standard-webhooks, stripe and github samples', async () => {
    const sw = buildSample('standard-webhooks', { secret: SECRETS['standard-webhooks'] })
    const hdr = Object.fromEntries(sw.headers.map(([k, v]) => [k.toLowerCase(), v]))
    expect(() =>
      new Webhook(SECRETS['standard-webhooks']).verify(sw.body.toString(), hdr),
    ).not.toThrow()

    const st = buildSample('stripe', { secret: SECRETS.stripe })
    const sig = st.headers.find(([k]) => k === 'Stripe-Signature')![1]
    const evt = new Stripe('sk_test_123').webhooks.constructEvent(st.body, sig, SECRETS.stripe)
    expect(evt.type).toBe('payment_intent.succeeded')

    const gh = buildSample('github', { secret: SECRETS.github, event: 'issues' })
    const ghSig = gh.headers.find(([k]) => k === 'X-Hub-Signature-256')![1]
    expect(await octokitVerify(SECRETS.github, gh.body.toString(), ghSig)).toBe(true)
  })

  it('shapes bodies as each platform serialises them', () => {
    const ag = buildSample('agent-gateway', { event: 'on_error' }).body.toString()
    expect(ag).toMatch(
      /^\{"agent_name": "support-triage", "event": "on_error", "execution_id": "[0-9a-f-]+", "session_id": null, "error": ".*", "timestamp": "\d{4}-.*\+00:00"\}$/,
    )
    const af = buildSample('agentfield').body.toString()
    expect(af).toContain('\\u003cok\\u003e \\u0026 indexed')
    expect(Object.keys(JSON.parse(af))).toEqual([
      'event',
      'execution_id',
      'workflow_id',
      'status',
      'target',
      'type',
      'duration_ms',
      'result',
      'timestamp',
    ])
    for (const e of ['status-update', 'task', 'artifact-update', 'message']) {
      const a2a = buildSample('a2a', { event: e, secret: 't' })
      expect(Object.keys(JSON.parse(a2a.body.toString()))).toHaveLength(1)
      expect(a2a.headers[0]).toEqual(['Content-Type', 'application/a2a+json'])
      expect(a2a.headers[1]).toEqual(['X-A2A-Notification-Token', 't'])
    }
    const legacy = JSON.parse(buildSample('a2a', { event: 'task-0.3' }).body.toString())
    expect(legacy.kind).toBe('task')
    expect(legacy.status.state).toBe('completed')
    expect(buildSample('stripe').body.toString()).toContain('\n  "object": "event"')
  })

  it('refuses unknown platforms and events with the list of known ones', () => {
    expect(() => buildSample('pagerduty')).toThrow(
      /unknown platform 'pagerduty' \(one of: a2a, agent-gateway/,
    )
    expect(() => buildSample('slack', { event: 'nope' })).toThrow(
      "unknown slack event 'nope' (one of: app_mention, message, url_verification)",
    )
  })
})
