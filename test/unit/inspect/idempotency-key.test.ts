import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { classify, idempotencyKey, retrySignals } from '../../../electron/core/inspect'
import type { HeaderPair } from '../../../shared/event'
import * as fx from '../../fixtures/platforms'

function keyOf(f: fx.PlatformFixture) {
  const req = fx.requestOf(f)
  return idempotencyKey({
    headers: req.headers,
    body: req.body,
    classification: classify(req),
    sha256: fx.sha256Of(f),
  })
}

function raw(headers: HeaderPair[], body: string, platform = 'unknown') {
  const buf = Buffer.from(body)
  return idempotencyKey({
    headers,
    body: buf,
    classification: { platform, eventType: null, subject: null },
    sha256: createHash('sha256').update(buf).digest('hex'),
  })
}

describe('idempotencyKey rules, in order', () => {
  it('webhook-id header (Standard Webhooks)', () => {
    expect(keyOf(fx.standardWebhook)).toEqual({
      key: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      source: 'header:webhook-id',
    })
  })

  it('svix-id header', () => {
    expect(keyOf(fx.svixClerkUserCreated)).toEqual({
      key: 'msg_27UH4WbU6Z5A5EzD8u03UvzRbpk',
      source: 'header:svix-id',
    })
  })

  it('webhook-id wins over svix-id, and headers win over body ids', () => {
    const k = raw(
      [
        ['svix-id', 'msg_b'],
        ['Webhook-Id', 'msg_a'],
      ],
      '{"id":"evt_x","object":"event"}',
      'stripe',
    )
    expect(k).toEqual({ key: 'msg_a', source: 'header:webhook-id' })
  })

  it('Idempotency-Key header (any case)', () => {
    expect(raw([['IDEMPOTENCY-KEY', ' k-123 ']], '{"id":"x"}')).toEqual({
      key: 'k-123',
      source: 'header:idempotency-key',
    })
  })

  it('X-GitHub-Delivery header', () => {
    expect(keyOf(fx.githubIssueOpened)).toEqual({
      key: '72d3162e-cc78-11e3-81ab-4c9367dc0958',
      source: 'header:x-github-delivery',
    })
  })

  it('Stripe evt_ body id', () => {
    expect(keyOf(fx.stripeInvoicePaid)).toEqual({ key: 'evt_1QxYz2AbCdEfGhIj', source: 'body:id' })
  })

  it('Agent Gateway: execution id + event', () => {
    expect(keyOf(fx.agentGatewayComplete)).toEqual({
      key: `${fx.AG_EXECUTION_ID}:on_complete`,
      source: 'body:execution_id+event',
    })
    expect(keyOf(fx.agentGatewayError).key).toBe(`${fx.AG_EXECUTION_ID}:on_error`)
  })

  it('AgentField: execution id + event; observability batches by batch_id', () => {
    expect(keyOf(fx.agentFieldCompleted)).toEqual({
      key: 'exec_abc:execution.completed',
      source: 'body:execution_id+event',
    })
    expect(keyOf(fx.agentFieldBatch)).toEqual({
      key: '5b0f5a4e-2c7d-4f1e-9a3b-8c6d7e5f4a3b',
      source: 'body:batch_id',
    })
    expect(keyOf(fx.agentFieldBareArray)).toEqual({
      key: fx.sha256Of(fx.agentFieldBareArray),
      source: 'sha256',
    })
  })

  it('A2A: the body sha256, never the task id — successive snapshots get distinct keys', () => {
    const keys = [...fx.a2a03, ...fx.a2a10].map(keyOf)
    for (const k of keys) expect(k.source).toBe('a2a:sha256')
    expect(new Set(keys.map((k) => k.key)).size).toBe(keys.length)
    expect(keys.map((k) => k.key)).not.toContain(fx.A2A_TASK_ID)
    expect(keyOf(fx.a2a03[0]).key).toBe(fx.sha256Of(fx.a2a03[0]))
  })

  it('generic body id, then event_id (Slack Events API)', () => {
    expect(raw([], '{"id": 42, "event_id": "e1"}')).toEqual({ key: '42', source: 'body:id' })
    expect(keyOf(fx.slackAppMention)).toEqual({ key: 'Ev123ABC456', source: 'body:event_id' })
  })

  it('otherwise the sha256 of the body', () => {
    expect(keyOf(fx.plainText)).toEqual({ key: fx.sha256Of(fx.plainText), source: 'sha256' })
    expect(keyOf(fx.unknownSender).source).toBe('sha256')
    expect(raw([], '{"id": {"nested": true}}').source).toBe('sha256')
  })

  it('an empty body is keyed on its request line when given, else on its sha256', () => {
    const base = {
      headers: [] as HeaderPair[],
      body: Buffer.alloc(0),
      classification: { platform: 'unknown', eventType: null, subject: null },
      sha256: createHash('sha256').update('').digest('hex'),
    }
    expect(
      idempotencyKey({ ...base, method: 'GET', path: '/a2a/t1', query: 'validationToken=abc' }),
    ).toEqual({
      key: 'GET /a2a/t1?validationToken=abc',
      source: 'request-line',
    })
    expect(idempotencyKey({ ...base, method: 'POST', path: '/ping', query: '' }).key).toBe(
      'POST /ping',
    )
    expect(idempotencyKey(base)).toEqual({ key: base.sha256, source: 'sha256' })
    expect(
      idempotencyKey({ ...base, headers: [['webhook-id', 'msg_1']], method: 'POST', path: '/' })
        .source,
    ).toBe('header:webhook-id')
  })

  it('Stripe-classified body without an evt_ id falls through to the generic rules', () => {
    expect(raw([], '{"id":"in_1","object":"invoice"}', 'stripe')).toEqual({
      key: 'in_1',
      source: 'body:id',
    })
  })
})

describe('retrySignals', () => {
  it('shows Slack retry headers and attempt-style headers, not Retry-After', () => {
    expect(retrySignals(fx.slackAppMentionRetry.headers)).toEqual([
      { header: 'X-Slack-Retry-Num', value: '1' },
      { header: 'X-Slack-Retry-Reason', value: 'http_timeout' },
    ])
    expect(
      retrySignals([
        ['webhook-attempt', '3'],
        ['X-Retry-Count', '2'],
        ['X-Delivery-Attempt', '4'],
        ['Retry-After', '10'],
        ['X-Attempted-By', 'x'],
        ['Content-Type', 'application/json'],
      ]),
    ).toEqual([
      { header: 'webhook-attempt', value: '3' },
      { header: 'X-Retry-Count', value: '2' },
      { header: 'X-Delivery-Attempt', value: '4' },
    ])
    expect(retrySignals(fx.stripeInvoicePaid.headers)).toEqual([])
  })
})
