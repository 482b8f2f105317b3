/** Svix: Standard Webhooks under `svix-*` header names (same key, same signed content). */
import { hasHeader } from '../../../../shared/headers'
import { familyMember, hasV1a } from './parts/standard-webhooks-family'

export const svix = familyMember(
  'svix',
  'Svix',
  'svix',
  (h) => hasHeader(h, 'svix-signature') && !hasV1a(h),
)
