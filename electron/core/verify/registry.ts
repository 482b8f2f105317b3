/**
 * The scheme registry: every catalog scheme by id, the generic `hmac`, and auto-detection from
 * headers in the catalog's recommended order.
 */
import type { HeaderPair } from '../../../shared/event'
import { header } from './crypto'
import type { Scheme } from './types'
import { KeyError } from './types'
import { a2aJwt, isBearerJwt } from './schemes/a2a-jwt'
import { a2aAuthorization, a2aNotificationToken } from './schemes/a2a-token'
import { discord, sendgrid } from './schemes/asymmetric'
import {
  agentfieldExecution,
  github,
  githubSha1,
  intercom,
  linear,
  pagerduty,
  shopify,
} from './schemes/body-hmac'
import { genericHmac } from './schemes/generic-hmac'
import { extractMailgun, mailgun } from './schemes/mailgun'
import {
  clerk,
  resend,
  standardWebhooks,
  standardWebhooksV1a,
  svix,
} from './schemes/standard-webhooks'
import { paddle, stripe } from './schemes/stripe-like'
import { agentGateway, agentfieldApproval, slack, zoom } from './schemes/timestamped-hmac'
import { square, twilio } from './schemes/url-signed'

const CATALOG: Scheme[] = [
  standardWebhooks,
  standardWebhooksV1a,
  svix,
  clerk,
  resend,
  stripe,
  github,
  githubSha1,
  slack,
  shopify,
  twilio,
  linear,
  discord,
  zoom,
  paddle,
  square,
  intercom,
  pagerduty,
  mailgun,
  sendgrid,
  a2aNotificationToken,
  a2aAuthorization,
  a2aJwt,
  agentGateway,
  agentfieldExecution,
  agentfieldApproval,
]

const BY_ID = new Map(CATALOG.map((s) => [s.id, s]))

/** Every scheme id a verifier may name (besides 'auto'). */
export const SCHEME_IDS: string[] = [...CATALOG.map((s) => s.id), 'hmac']

export function getScheme(id: string, options: Record<string, unknown> = {}): Scheme {
  if (id === 'hmac') return genericHmac(options)
  const s = BY_ID.get(id)
  if (!s) throw new KeyError(`unknown scheme "${id}"`)
  return s
}

export function isSchemeId(id: string): boolean {
  return id === 'hmac' || BY_ID.has(id)
}

type Rule = (h: HeaderPair[], body?: Buffer) => string | null
const has = (h: HeaderPair[], name: string): boolean => header(h, name) !== undefined

/** The catalog's "recommended detection order", as rules. */
const RULES: Rule[] = [
  (h) => {
    const sig = header(h, 'webhook-signature') ?? header(h, 'svix-signature')
    if (sig === undefined) return null
    if (sig.split(' ').some((e) => e.startsWith('v1a,'))) return 'standard-webhooks-v1a'
    return has(h, 'svix-signature') ? 'svix' : 'standard-webhooks'
  },
  (h) => (has(h, 'stripe-signature') ? 'stripe' : null),
  (h) => (has(h, 'x-hub-signature-256') ? 'github' : null),
  (h) => {
    const v = header(h, 'x-hub-signature')
    if (v === undefined) return null
    return /intercom/i.test(header(h, 'user-agent') ?? '') ? 'intercom' : 'github-sha1'
  },
  (h) => (has(h, 'x-slack-signature') ? 'slack' : null),
  (h) => (has(h, 'x-shopify-hmac-sha256') || has(h, 'shopify-hmac-sha256') ? 'shopify' : null),
  (h) => (has(h, 'x-twilio-signature') ? 'twilio' : null),
  (h) => (has(h, 'linear-signature') ? 'linear' : null),
  (h) => (has(h, 'x-signature-ed25519') ? 'discord' : null),
  (h) => (has(h, 'x-zm-signature') ? 'zoom' : null),
  (h) => (has(h, 'paddle-signature') ? 'paddle' : null),
  (h) => (has(h, 'x-square-hmacsha256-signature') ? 'square' : null),
  (h) => (has(h, 'x-pagerduty-signature') ? 'pagerduty' : null),
  (h) => (has(h, 'x-twilio-email-event-webhook-signature') ? 'sendgrid' : null),
  (h) => (has(h, 'x-a2a-notification-token') ? 'a2a-notification-token' : null),
  (h) => (has(h, 'x-agentgateway-signature') ? 'agent-gateway' : null),
  (h) => (has(h, 'x-agentfield-signature') ? 'agentfield-execution' : null),
  (h) =>
    has(h, 'x-hax-signature') || has(h, 'x-webhook-signature') ? 'agentfield-approval' : null,
  (h, body) => (body && body.length < 1_000_000 && extractMailgun(h, body) ? 'mailgun' : null),
  (h) => (isBearerJwt(header(h, 'authorization')) ? 'a2a-jwt' : null),
  // Not in the catalog's list: any other Authorization header is an A2A-style credential.
  (h) => (has(h, 'authorization') ? 'a2a-authorization' : null),
]

/** The scheme a request appears to use, in catalog order; null when none. */
export function detectScheme(headers: HeaderPair[], body?: Buffer): string | null {
  for (const rule of RULES) {
    const id = rule(headers, body)
    if (id) return id
  }
  return null
}

/** Every scheme whose signature appears in the request (for "header under another name"). */
export function detectAll(headers: HeaderPair[], body?: Buffer): string[] {
  const out: string[] = []
  for (const rule of RULES) {
    const id = rule(headers, body)
    if (id && !out.includes(id)) out.push(id)
  }
  return out
}
