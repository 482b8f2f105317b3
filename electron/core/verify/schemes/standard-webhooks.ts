/**
 * Standard Webhooks: `webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<b64>` over
 * `{id}.{timestamp}.{body}`, HMAC-SHA256 with the base64-decoded whsec_ key (family: parts/).
 */
import { hasHeader } from '../../../../shared/headers'
import { familyMember, hasV1a } from './parts/standard-webhooks-family'
import { whenHeader } from '../scheme-definition'

export const standardWebhooks = familyMember(
  'standard-webhooks',
  'Standard Webhooks',
  'webhook',
  // With svix-* headers too, the sender is Svix; a v1a entry is the Ed25519 variant.
  whenHeader(['webhook-signature'], (h) => !hasHeader(h, 'svix-signature') && !hasV1a(h)),
)
