/**
 * Stripe events: `{id: "evt_…", object: "event", type, data: {object, previous_attributes}}`,
 * signed with `Stripe-Signature`. Subject = the object the event is about (data.object.id).
 */
import type { Classification } from '../../../../shared/event'
import { get, isRec, str, type ClassifyContext, type Rec } from '../context'

export function isStripeEventBody(body: unknown): body is Rec {
  return isRec(body) && body.object === 'event' && /^evt_/.test(str(body.id) ?? '')
}

export function detectStripe(ctx: ClassifyContext): Classification | null {
  const body = ctx.json
  if (!ctx.has('stripe-signature') && !isStripeEventBody(body)) return null
  if (!isRec(body)) return { platform: 'stripe', eventType: null, subject: null }
  const details: Rec = {}
  const objectType = str(get(body, 'data', 'object', 'object'))
  if (objectType) details.objectType = objectType
  if (typeof body.livemode === 'boolean') details.livemode = body.livemode
  if (str(body.api_version)) details.apiVersion = body.api_version
  if (str(body.account)) details.account = body.account
  const prev = get(body, 'data', 'previous_attributes')
  if (isRec(prev)) details.previousAttributes = Object.keys(prev)
  return {
    platform: 'stripe',
    eventType: str(body.type) ?? null,
    subject: str(get(body, 'data', 'object', 'id')) ?? null,
    details,
  }
}
