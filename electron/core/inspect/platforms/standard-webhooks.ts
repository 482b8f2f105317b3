/**
 * Standard Webhooks / Svix senders (Clerk, Resend, ...): `webhook-id` or `svix-id` with a
 * timestamp and signature header; the body's `type` is the event type by convention. Svix's
 * own `svix-*` headers make the platform 'svix' (what users filter by), the rest stay
 * 'standard-webhooks'.
 */
import type { Classification } from '../../../../shared/event'
import { get, idStr, isRec, str, type ClassifyContext, type Rec } from '../context'

export function detectStandardWebhooks(ctx: ClassifyContext): Classification | null {
  const svix = ctx.has('svix-id') && (ctx.has('svix-signature') || ctx.has('svix-timestamp'))
  const std =
    ctx.has('webhook-id') && (ctx.has('webhook-signature') || ctx.has('webhook-timestamp'))
  if (!svix && !std) return null
  const body = ctx.json
  const details: Rec = {
    messageId: ctx.header(svix ? 'svix-id' : 'webhook-id'),
    sender: svix ? 'svix' : 'standard',
  }
  const platform = svix ? 'svix' : 'standard-webhooks'
  if (!isRec(body)) return { platform, eventType: null, subject: null, details }
  const subject =
    idStr(get(body, 'data', 'id')) ??
    idStr(get(body, 'data', 'object', 'id')) ??
    idStr(get(body, 'data', 'email_id')) ??
    null
  return {
    platform,
    eventType: str(body.type) ?? str(body.event) ?? str(body.eventType) ?? null,
    subject,
    details,
  }
}
