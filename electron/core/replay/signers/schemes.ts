/**
 * One signer per scheme Hooklens can re-sign (facts from signatures/CATALOG.md): each
 * computes fresh signature headers over the exact body bytes, with a fresh timestamp where the
 * scheme has one, keeping the message id unless a new one is asked for.
 */
import { setHeader } from '../request-build'
import {
  freshMessageId,
  freshUuid,
  getHeader,
  hasHeader,
  hmac,
  whsecKey,
  type DigestEncoding,
  type HmacAlgorithm,
} from './primitives'
import type { SignContext, SignResult, Signer } from './types'
import type { HeaderPair } from '../../../../shared/event'

function standardWebhooks(ctx: SignContext): SignResult {
  const notes: string[] = []
  const prefixes = ['svix-', 'webhook-'].filter((p) => hasHeader(ctx.headers, `${p}signature`))
  if (prefixes.length === 0) prefixes.push('webhook-')
  const existing = getHeader(ctx.headers, `${prefixes[0]}id`)
  const id = ctx.newId || !existing ? freshMessageId() : existing
  if (ctx.newId && existing) notes.push(`new message id ${id} (was ${existing})`)
  const ts = String(ctx.nowSec)
  const sig = hmac('sha256', whsecKey(ctx.secret), [`${id}.${ts}.`, ctx.body], 'base64')
  let headers = ctx.headers
  for (const p of prefixes) {
    headers = setHeader(headers, `${p}id`, id)
    headers = setHeader(headers, `${p}timestamp`, ts)
    headers = setHeader(headers, `${p}signature`, `v1,${sig}`)
  }
  return { headers, notes }
}

function stripe(ctx: SignContext): SignResult {
  const t = ctx.nowSec
  const v1 = hmac('sha256', ctx.secret.trim(), [`${t}.`, ctx.body], 'hex')
  const notes = ctx.newId ? ['Stripe keeps the event id inside the body; it was not changed'] : []
  return { headers: setHeader(ctx.headers, 'Stripe-Signature', `t=${t},v1=${v1}`), notes }
}

function slack(ctx: SignContext): SignResult {
  const ts = String(ctx.nowSec)
  const sig = hmac('sha256', ctx.secret, [`v0:${ts}:`, ctx.body], 'hex')
  let headers = setHeader(ctx.headers, 'X-Slack-Request-Timestamp', ts)
  headers = setHeader(headers, 'X-Slack-Signature', `v0=${sig}`)
  return { headers, notes: [] }
}

function zoom(ctx: SignContext): SignResult {
  const ts = String(ctx.nowSec)
  const sig = hmac('sha256', ctx.secret, [`v0:${ts}:`, ctx.body], 'hex')
  let headers = setHeader(ctx.headers, 'x-zm-request-timestamp', ts)
  headers = setHeader(headers, 'x-zm-signature', `v0=${sig}`)
  return { headers, notes: [] }
}

function agentGateway(ctx: SignContext): SignResult {
  const ts = String(ctx.nowSec)
  const hex = hmac('sha256', ctx.secret, [`${ts}.`, ctx.body], 'hex')
  // The reference sender prefixes `sha256=`, its docs show bare hex: keep what was captured.
  const prior = getHeader(ctx.headers, 'X-AgentGateway-Signature')
  const format =
    ctx.options?.signatureFormat ?? (prior && !prior.startsWith('sha256=') ? 'bare' : 'prefixed')
  const value = format === 'bare' ? hex : `sha256=${hex}`
  let headers = setHeader(ctx.headers, 'X-AgentGateway-Timestamp', ts)
  headers = setHeader(headers, 'X-AgentGateway-Signature', value)
  return { headers, notes: [] }
}

function agentfieldExecution(ctx: SignContext): SignResult {
  const sig = hmac('sha256', ctx.secret.trim(), [ctx.body], 'hex')
  return { headers: setHeader(ctx.headers, 'X-AgentField-Signature', `sha256=${sig}`), notes: [] }
}

function agentfieldApproval(ctx: SignContext): SignResult {
  const name =
    ['X-Hax-Signature', 'X-Webhook-Signature', 'X-Hub-Signature-256'].find((h) =>
      hasHeader(ctx.headers, h),
    ) ?? 'X-Hax-Signature'
  const prior = getHeader(ctx.headers, name) ?? 't='
  let value: string
  if (prior.startsWith('t=')) {
    const t = ctx.nowSec
    value = `t=${t},v1=${hmac('sha256', ctx.secret, [`${t}.`, ctx.body], 'hex')}`
  } else {
    const hex = hmac('sha256', ctx.secret, [ctx.body], 'hex')
    value = prior.startsWith('sha256=') ? `sha256=${hex}` : hex
  }
  return { headers: setHeader(ctx.headers, name, value), notes: [] }
}

function paddle(ctx: SignContext): SignResult {
  const ts = ctx.nowSec
  const h1 = hmac('sha256', ctx.secret, [`${ts}:`, ctx.body], 'hex')
  return {
    headers: setHeader(ctx.headers, 'Paddle-Signature', `ts=${ts};h1=${h1}`),
    notes: ['Paddle accepts signatures only 5 s old: replay right away'],
  }
}

function github(ctx: SignContext): SignResult {
  let headers = setHeader(
    ctx.headers,
    'X-Hub-Signature-256',
    `sha256=${hmac('sha256', ctx.secret, [ctx.body], 'hex')}`,
  )
  if (hasHeader(headers, 'X-Hub-Signature')) {
    headers = setHeader(
      headers,
      'X-Hub-Signature',
      `sha1=${hmac('sha1', ctx.secret, [ctx.body], 'hex')}`,
    )
  }
  return withNewId(ctx, headers, 'X-GitHub-Delivery', freshUuid)
}

function githubSha1(ctx: SignContext): SignResult {
  const sig = `sha1=${hmac('sha1', ctx.secret, [ctx.body], 'hex')}`
  return withNewId(
    ctx,
    setHeader(ctx.headers, 'X-Hub-Signature', sig),
    'X-GitHub-Delivery',
    freshUuid,
  )
}

function shopify(ctx: SignContext): SignResult {
  const sig = hmac('sha256', ctx.secret, [ctx.body], 'base64')
  let headers = ctx.headers
  const names = ['X-Shopify-Hmac-Sha256', 'shopify-hmac-sha256'].filter((h) =>
    hasHeader(headers, h),
  )
  for (const h of names.length ? names : ['X-Shopify-Hmac-Sha256'])
    headers = setHeader(headers, h, sig)
  if (hasHeader(headers, 'X-Shopify-Triggered-At')) {
    headers = setHeader(
      headers,
      'X-Shopify-Triggered-At',
      new Date(ctx.nowSec * 1000).toISOString(),
    )
  }
  return withNewId(ctx, headers, 'X-Shopify-Webhook-Id', freshUuid)
}

function linear(ctx: SignContext): SignResult {
  let headers = setHeader(
    ctx.headers,
    'Linear-Signature',
    hmac('sha256', ctx.secret, [ctx.body], 'hex'),
  )
  if (hasHeader(headers, 'Linear-Timestamp')) {
    headers = setHeader(headers, 'Linear-Timestamp', String(ctx.nowSec * 1000))
  }
  const notes = [
    "Linear's webhookTimestamp is inside the signed body and was not changed: handlers that check it (60 s) will still reject an old event",
  ]
  return { headers, notes }
}

function bodyHmac(
  header: string,
  algorithm: HmacAlgorithm,
  encoding: DigestEncoding,
  prefix: string,
): (ctx: SignContext) => SignResult {
  return (ctx) => ({
    headers: setHeader(
      ctx.headers,
      header,
      prefix + hmac(algorithm, ctx.secret, [ctx.body], encoding),
    ),
    notes: [],
  })
}

function square(ctx: SignContext): SignResult {
  const sig = hmac('sha256', ctx.secret, [ctx.url, ctx.body], 'base64')
  return {
    headers: setHeader(ctx.headers, 'x-square-hmacsha256-signature', sig),
    notes: [`Square signs the notification URL: signed for ${ctx.url}`],
  }
}

function a2aToken(ctx: SignContext): SignResult {
  return { headers: setHeader(ctx.headers, 'X-A2A-Notification-Token', ctx.secret), notes: [] }
}

function a2aAuthorization(ctx: SignContext): SignResult {
  const value = /\s/.test(ctx.secret.trim()) ? ctx.secret.trim() : `Bearer ${ctx.secret.trim()}`
  return { headers: setHeader(ctx.headers, 'Authorization', value), notes: [] }
}

/**
 * The generic scheme, with electron/core/verify's options: header, algorithm, encoding, prefix,
 * template over {body} {timestamp} {id} {url} {method}, timestampHeader, idHeader, secretEncoding.
 */
function genericHmac(ctx: SignContext): SignResult {
  const o = ctx.options ?? {}
  const str = (k: string, d: string) => (typeof o[k] === 'string' ? (o[k] as string) : d)
  const header = str('header', 'X-Signature')
  const algorithm = str('algorithm', 'sha256').toLowerCase() as HmacAlgorithm
  const encoding = str('encoding', 'hex') as DigestEncoding
  const prefix = str('prefix', '')
  const tsHeader = str('timestampHeader', '')
  const idHeader = str('idHeader', '')
  const secretEncoding = str('secretEncoding', 'utf8')
  const key =
    secretEncoding === 'hex' || secretEncoding === 'base64'
      ? Buffer.from(ctx.secret.trim(), secretEncoding)
      : ctx.secret
  const ts = String(ctx.nowSec)
  let headers = ctx.headers
  if (tsHeader) headers = setHeader(headers, tsHeader, ts)
  const id = (idHeader && getHeader(headers, idHeader)) || ''
  const values: Record<string, string | Buffer> = {
    '{body}': ctx.body,
    '{timestamp}': ts,
    '{id}': id,
    '{url}': ctx.url,
    '{method}': ctx.method,
  }
  const parts = str('template', '{body}')
    .split(/(\{(?:body|timestamp|id|url|method)\})/)
    .filter(Boolean)
    .map((p) => values[p] ?? p)
  headers = setHeader(headers, header, prefix + hmac(algorithm, key, parts, encoding))
  return { headers, notes: [] }
}

function withNewId(
  ctx: SignContext,
  headers: HeaderPair[],
  idHeader: string,
  make: () => string,
): SignResult {
  if (!ctx.newId) return { headers, notes: [] }
  const id = make()
  return { headers: setHeader(headers, idHeader, id), notes: [`new ${idHeader} ${id}`] }
}

const table: Signer[] = [
  { scheme: 'standard-webhooks', timestamped: true, sign: standardWebhooks },
  { scheme: 'svix', timestamped: true, sign: standardWebhooks },
  { scheme: 'clerk', timestamped: true, sign: standardWebhooks },
  { scheme: 'resend', timestamped: true, sign: standardWebhooks },
  { scheme: 'stripe', timestamped: true, sign: stripe },
  { scheme: 'slack', timestamped: true, sign: slack },
  { scheme: 'zoom', timestamped: true, sign: zoom },
  { scheme: 'agent-gateway', timestamped: true, sign: agentGateway },
  { scheme: 'paddle', timestamped: true, sign: paddle },
  { scheme: 'agentfield-approval', timestamped: true, sign: agentfieldApproval },
  { scheme: 'agentfield-execution', timestamped: false, sign: agentfieldExecution },
  { scheme: 'github', timestamped: false, sign: github },
  { scheme: 'github-sha1', timestamped: false, sign: githubSha1 },
  { scheme: 'shopify', timestamped: false, sign: shopify },
  { scheme: 'linear', timestamped: true, sign: linear },
  {
    scheme: 'pagerduty',
    timestamped: false,
    sign: bodyHmac('X-PagerDuty-Signature', 'sha256', 'hex', 'v1='),
  },
  {
    scheme: 'intercom',
    timestamped: false,
    sign: bodyHmac('X-Hub-Signature', 'sha1', 'hex', 'sha1='),
  },
  { scheme: 'square', timestamped: false, sign: square },
  { scheme: 'a2a-notification-token', timestamped: false, sign: a2aToken },
  { scheme: 'a2a-authorization', timestamped: false, sign: a2aAuthorization },
  { scheme: 'hmac', timestamped: false, sign: genericHmac },
]

export const SIGNERS: ReadonlyMap<string, Signer> = new Map(table.map((s) => [s.scheme, s]))

/** Schemes Hooklens recognises but cannot sign: the private key stays with the sender. */
export const UNSIGNABLE: Readonly<Record<string, string>> = {
  'standard-webhooks-v1a': 'Ed25519 signatures need the sender’s private key',
  discord: 'Ed25519 signatures need Discord’s private key',
  sendgrid: 'ECDSA signatures need SendGrid’s private key',
  'a2a-jwt': 'the JWT is signed with the agent’s private key',
  twilio: 'Twilio re-signing is not supported (it signs the full URL and form parameters)',
  mailgun: 'Mailgun’s signature lives inside the body',
}
