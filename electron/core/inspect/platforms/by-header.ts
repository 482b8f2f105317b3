/**
 * Other senders recognisable by a header of their own (signatures/CATALOG.md's detection
 * order). Classification is light: platform, the event type where a header or body field names
 * it, and an obvious subject.
 */
import type { Classification } from '../../../../shared/event'
import { get, idStr, isRec, str, type ClassifyContext } from '../context'

interface HeaderPlatform {
  platform: string
  headers: string[]
  eventType?: (ctx: ClassifyContext, body: Record<string, unknown>) => string | undefined
  subject?: (body: Record<string, unknown>) => string | undefined
}

const PLATFORMS: HeaderPlatform[] = [
  {
    platform: 'shopify',
    headers: ['x-shopify-topic', 'shopify-topic', 'x-shopify-hmac-sha256', 'shopify-hmac-sha256'],
    eventType: (ctx) => ctx.header('x-shopify-topic') ?? ctx.header('shopify-topic'),
    subject: (b) => idStr(b.admin_graphql_api_id) ?? idStr(b.id),
  },
  {
    platform: 'linear',
    headers: ['linear-signature', 'linear-event', 'linear-delivery'],
    eventType: (ctx, b) => {
      const type = str(b.type) ?? ctx.header('linear-event')
      const action = str(b.action)
      return type && action ? `${type}.${action}` : type
    },
    subject: (b) => idStr(get(b, 'data', 'identifier')) ?? idStr(get(b, 'data', 'id')),
  },
  { platform: 'twilio', headers: ['x-twilio-signature'] },
  {
    platform: 'discord',
    headers: ['x-signature-ed25519'],
    eventType: (_c, b) =>
      typeof b.type === 'number' ? `interaction.${b.type}` : str(get(b, 'event', 'type')),
  },
  { platform: 'zoom', headers: ['x-zm-signature'], eventType: (_c, b) => str(b.event) },
  {
    platform: 'paddle',
    headers: ['paddle-signature'],
    eventType: (_c, b) => str(b.event_type),
    subject: (b) => idStr(get(b, 'data', 'id')),
  },
  {
    platform: 'square',
    headers: ['x-square-hmacsha256-signature'],
    eventType: (_c, b) => str(b.type),
  },
  {
    platform: 'pagerduty',
    headers: ['x-pagerduty-signature'],
    eventType: (_c, b) => str(get(b, 'event', 'event_type')),
    subject: (b) => idStr(get(b, 'event', 'data', 'id')),
  },
  { platform: 'sendgrid', headers: ['x-twilio-email-event-webhook-signature'] },
]

export function detectByHeader(ctx: ClassifyContext): Classification | null {
  for (const p of PLATFORMS) {
    if (!p.headers.some((h) => ctx.has(h))) continue
    const body = isRec(ctx.json) ? ctx.json : {}
    return {
      platform: p.platform,
      eventType: p.eventType?.(ctx, body) ?? null,
      subject: p.subject?.(body) ?? null,
    }
  }
  const body = ctx.json
  if (
    isRec(body) &&
    isRec(body.signature) &&
    str(body.signature.token) &&
    isRec(body['event-data'])
  ) {
    return {
      platform: 'mailgun',
      eventType: str(body['event-data'].event) ?? null,
      subject: idStr(body['event-data'].id) ?? null,
    }
  }
  return null
}
