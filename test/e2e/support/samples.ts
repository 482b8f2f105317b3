/**
 * Realistic webhooks, as the platforms send them (shared/platforms.md, signatures/CATALOG.md),
 * signed for real so the receiver's verifiers judge them: used by the e2e tests, the UI bench
 * and the screenshot script.
 */
import { createHmac, randomUUID } from 'node:crypto'

export interface Sample {
  path: string
  body: string
  headers: Record<string, string>
}

const hmacHex = (key: string | Buffer, data: string) =>
  createHmac('sha256', key).update(data).digest('hex')
const nowS = () => Math.floor(Date.now() / 1000)

export const SECRETS = {
  github: 'gh-secret-for-screenshots',
  stripe: 'whsec_stripe_demo_secret',
  standard: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  agentGateway: 'ag-secret',
  agentfield: 'af-secret',
}

export function github(body: object | string, secret = SECRETS.github, event = 'push'): Sample {
  const raw = typeof body === 'string' ? body : JSON.stringify(body)
  return {
    path: '/hooks/github',
    body: raw,
    headers: {
      'content-type': 'application/json',
      'user-agent': 'GitHub-Hookshot/5a2e3b1',
      'x-github-event': event,
      'x-github-delivery': randomUUID(),
      'x-hub-signature-256': `sha256=${hmacHex(secret, raw)}`,
    },
  }
}

export function stripe(body: object, opts: { secret?: string; ageS?: number } = {}): Sample {
  const raw = JSON.stringify(body, null, 2)
  const t = nowS() - (opts.ageS ?? 0)
  return {
    path: '/hooks/stripe',
    body: raw,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
      'stripe-signature': `t=${t},v1=${hmacHex(opts.secret ?? SECRETS.stripe, `${t}.${raw}`)}`,
    },
  }
}

export function standardWebhook(msgId: string, body: object, secret = SECRETS.standard): Sample {
  const raw = JSON.stringify(body)
  const ts = nowS()
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64')
  const sig = createHmac('sha256', key).update(`${msgId}.${ts}.${raw}`).digest('base64')
  return {
    path: '/hooks/svix',
    body: raw,
    headers: {
      'content-type': 'application/json',
      'webhook-id': msgId,
      'webhook-timestamp': String(ts),
      'webhook-signature': `v1,${sig}`,
    },
  }
}

/** Agent Gateway's Python sender: json.dumps separators and a `sha256=` prefixed signature. */
export function agentGateway(
  event: string,
  executionId: string,
  extra: Record<string, string>,
): Sample {
  const fields = {
    agent_name: 'research-agent',
    event,
    execution_id: executionId,
    session_id: 'sess_42',
    ...extra,
    timestamp: new Date().toISOString(),
  }
  const raw = `{${Object.entries(fields)
    .map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`)
    .join(', ')}}`
  const ts = String(nowS())
  return {
    path: '/hooks/agent-gateway',
    body: raw,
    headers: {
      'content-type': 'application/json',
      'x-agentgateway-timestamp': ts,
      'x-agentgateway-signature': `sha256=${hmacHex(SECRETS.agentGateway, `${ts}.${raw}`)}`,
    },
  }
}

export function agentfield(
  executionId: string,
  status: 'succeeded' | 'failed',
  durationMs: number,
): Sample {
  const raw = JSON.stringify({
    event: status === 'succeeded' ? 'execution.completed' : 'execution.failed',
    execution_id: executionId,
    workflow_id: 'run_x7y8z9',
    status,
    target: 'analyzer.process',
    type: 'reasoner',
    duration_ms: durationMs,
    result: status === 'succeeded' ? { summary: 'Revenue grew 12% <QoQ> & margins held' } : null,
    timestamp: new Date().toISOString(),
  })
    // Go's json.Marshal escapes these; the signature covers the escaped bytes.
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
  return {
    path: '/hooks/agentfield',
    body: raw,
    headers: {
      'content-type': 'application/json',
      'x-agentfield-signature': `sha256=${hmacHex(SECRETS.agentfield, raw)}`,
    },
  }
}

/** A2A 1.0 push notification: one top-level key, application/a2a+json, the config's token. */
export function a2a(
  kind: 'task' | 'statusUpdate' | 'artifactUpdate',
  taskId: string,
  state: string,
  token = 'a2a-token-1',
): Sample {
  const contextId = '091b6c1e-8a0f-4d3e-9b57-3c2f1d0e7a11'
  const status = { state, timestamp: new Date().toISOString() }
  const body =
    kind === 'task'
      ? { task: { id: taskId, contextId, status, history: [], metadata: {} } }
      : kind === 'statusUpdate'
        ? { statusUpdate: { taskId, contextId, status } }
        : {
            artifactUpdate: {
              taskId,
              contextId,
              artifact: {
                artifactId: 'd5c9e2b0-res',
                name: 'result',
                parts: [{ text: 'echo: case a', mediaType: 'text/plain' }],
              },
              lastChunk: true,
            },
          }
  return {
    path: '/a2a/push',
    body: JSON.stringify(body),
    headers: {
      'content-type': 'application/a2a+json',
      'x-a2a-notification-token': token,
      accept: '*/*',
      'user-agent': 'node',
    },
  }
}
