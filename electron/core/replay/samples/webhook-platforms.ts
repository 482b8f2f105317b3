/**
 * Samples from the classic webhook senders: Standard Webhooks (Svix-style), Stripe, GitHub and
 * Slack — bodies and headers shaped like theirs, signed as each signs (CATALOG.md).
 */
import { randomBytes, randomUUID } from 'node:crypto'
import { freshMessageId, hmac, whsecKey } from '../signers/primitives'
import { unknownEvent, type SampleBuilder } from './types'

const SW_EVENTS = ['invoice.paid', 'contact.created', 'agent.run.completed']

export const standardWebhooks: SampleBuilder = {
  platform: 'standard-webhooks',
  events: SW_EVENTS,
  defaultSecret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  build(opts, event) {
    if (!SW_EVENTS.includes(event)) throw unknownEvent('standard-webhooks', event, SW_EVENTS)
    const data =
      event === 'invoice.paid'
        ? { id: `inv_${randomBytes(6).toString('hex')}`, amount: 4200, currency: 'usd' }
        : event === 'contact.created'
          ? { id: randomUUID(), email: 'ada@example.com' }
          : {
              run_id: `run_${randomBytes(6).toString('hex')}`,
              agent: 'support-triage',
              status: 'completed',
            }
    const body = Buffer.from(
      JSON.stringify({ type: event, timestamp: opts.now.toISOString(), data }),
    )
    const secret = opts.secret ?? (this.defaultSecret as string)
    const id = freshMessageId()
    const ts = String(Math.floor(opts.now.getTime() / 1000))
    const sig = hmac('sha256', whsecKey(secret), [`${id}.${ts}.`, body], 'base64')
    return {
      platform: 'standard-webhooks',
      eventType: event,
      scheme: 'standard-webhooks',
      method: 'POST',
      headers: [
        ['content-type', 'application/json'],
        ['user-agent', 'Svix-Webhooks/1.62'],
        ['webhook-id', id],
        ['webhook-timestamp', ts],
        ['webhook-signature', `v1,${sig}`],
      ],
      body,
      secretUsed: secret,
      notes: secret.startsWith('whsec_')
        ? []
        : ['the secret has no whsec_ prefix: it is base64-decoded as is'],
    }
  },
}

const STRIPE_EVENTS = [
  'payment_intent.succeeded',
  'checkout.session.completed',
  'invoice.payment_failed',
]

export const stripe: SampleBuilder = {
  platform: 'stripe',
  events: STRIPE_EVENTS,
  defaultSecret: 'whsec_test_secret',
  build(opts, event) {
    if (!STRIPE_EVENTS.includes(event)) throw unknownEvent('stripe', event, STRIPE_EVENTS)
    const created = Math.floor(opts.now.getTime() / 1000)
    const object = event.startsWith('payment_intent')
      ? {
          id: `pi_${randomBytes(12).toString('hex')}`,
          object: 'payment_intent',
          amount: 2000,
          currency: 'usd',
          status: 'succeeded',
        }
      : event.startsWith('checkout')
        ? {
            id: `cs_test_${randomBytes(12).toString('hex')}`,
            object: 'checkout.session',
            amount_total: 2000,
            payment_status: 'paid',
          }
        : {
            id: `in_${randomBytes(12).toString('hex')}`,
            object: 'invoice',
            amount_due: 2000,
            attempt_count: 1,
          }
    const evt = {
      id: `evt_${randomBytes(12).toString('hex')}`,
      object: 'event',
      api_version: '2024-06-20',
      created,
      data: { object },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type: event,
    }
    // Stripe sends pretty-printed JSON (two-space indent).
    const body = Buffer.from(JSON.stringify(evt, null, 2))
    const secret = opts.secret ?? (this.defaultSecret as string)
    const v1 = hmac('sha256', secret, [`${created}.`, body], 'hex')
    return {
      platform: 'stripe',
      eventType: event,
      scheme: 'stripe',
      method: 'POST',
      headers: [
        ['User-Agent', 'Stripe/1.0 (+https://stripe.com/docs/webhooks)'],
        ['Accept', '*/*; q=0.5, application/xml'],
        ['Cache-Control', 'no-cache'],
        ['Content-Type', 'application/json; charset=utf-8'],
        ['Stripe-Signature', `t=${created},v1=${v1}`],
      ],
      body,
      secretUsed: secret,
      notes: [],
    }
  },
}

const GITHUB_EVENTS = ['push', 'issues', 'ping', 'workflow_run']

export const github: SampleBuilder = {
  platform: 'github',
  events: GITHUB_EVENTS,
  defaultSecret: "It's a Secret to Everybody",
  build(opts, event) {
    if (!GITHUB_EVENTS.includes(event)) throw unknownEvent('github', event, GITHUB_EVENTS)
    const repository = {
      id: 1296269,
      name: 'agent-hooks',
      full_name: 'octocat/agent-hooks',
      private: false,
    }
    const sender = { login: 'octocat', id: 1, type: 'User' }
    const payloads: Record<string, unknown> = {
      push: {
        ref: 'refs/heads/main',
        before: '6113728f27ae82c7b1a177c8d03f9e96e0adf246',
        after: '0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c',
        repository,
        sender,
      },
      issues: {
        action: 'opened',
        issue: { number: 42, title: 'Agent timed out on triage', state: 'open' },
        repository,
        sender,
      },
      ping: { zen: 'Keep it logically awesome.', hook_id: 123456, repository, sender },
      workflow_run: {
        action: 'completed',
        workflow_run: { id: 30433642, name: 'evals', conclusion: 'success' },
        repository,
        sender,
      },
    }
    const body = Buffer.from(JSON.stringify(payloads[event]))
    const secret = opts.secret ?? (this.defaultSecret as string)
    return {
      platform: 'github',
      eventType: event,
      scheme: 'github',
      method: 'POST',
      headers: [
        ['Accept', '*/*'],
        ['Content-Type', 'application/json'],
        ['User-Agent', 'GitHub-Hookshot/4d63832'],
        ['X-GitHub-Delivery', randomUUID()],
        ['X-GitHub-Event', event],
        ['X-GitHub-Hook-ID', '123456'],
        ['X-GitHub-Hook-Installation-Target-ID', '1296269'],
        ['X-GitHub-Hook-Installation-Target-Type', 'repository'],
        ['X-Hub-Signature', `sha1=${hmac('sha1', secret, [body], 'hex')}`],
        ['X-Hub-Signature-256', `sha256=${hmac('sha256', secret, [body], 'hex')}`],
      ],
      body,
      secretUsed: secret,
      notes: [],
    }
  },
}

const SLACK_EVENTS = ['app_mention', 'message', 'url_verification']

export const slack: SampleBuilder = {
  platform: 'slack',
  events: SLACK_EVENTS,
  defaultSecret: '8f742231b10e8888abcd99yyyzzz85a5',
  build(opts, event) {
    if (!SLACK_EVENTS.includes(event)) throw unknownEvent('slack', event, SLACK_EVENTS)
    const ts = Math.floor(opts.now.getTime() / 1000)
    const payload =
      event === 'url_verification'
        ? {
            token: 'Jhj5dZrVaK7ZwHHjRyZWjbDl',
            challenge: randomBytes(16).toString('hex'),
            type: 'url_verification',
          }
        : {
            token: 'Jhj5dZrVaK7ZwHHjRyZWjbDl',
            team_id: 'T061EG9R6',
            api_app_id: 'A0MDYCDME',
            event: {
              type: event,
              user: 'U061F7AUR',
              text: '<@U0LAN0Z89> summarise the incident',
              ts: `${ts}.000200`,
              channel: 'C0LAN2Q65',
            },
            type: 'event_callback',
            event_id: `Ev${randomBytes(5).toString('hex').toUpperCase()}`,
            event_time: ts,
          }
    const body = Buffer.from(JSON.stringify(payload))
    const secret = opts.secret ?? (this.defaultSecret as string)
    const sig = hmac('sha256', secret, [`v0:${ts}:`, body], 'hex')
    return {
      platform: 'slack',
      eventType: event,
      scheme: 'slack',
      method: 'POST',
      headers: [
        ['Content-Type', 'application/json'],
        ['User-Agent', 'Slackbot 1.0 (+https://api.slack.com/robots)'],
        ['Accept', '*/*'],
        ['Accept-Encoding', 'gzip,deflate'],
        ['X-Slack-Request-Timestamp', String(ts)],
        ['X-Slack-Signature', `v0=${sig}`],
      ],
      body,
      secretUsed: secret,
      notes: [],
    }
  },
}
