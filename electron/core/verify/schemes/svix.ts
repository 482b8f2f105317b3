/** Svix: Standard Webhooks under `svix-*` header names (same key, same signed content). */
import { familyMember, hasV1a } from './parts/standard-webhooks-family'
import { whenHeader } from '../scheme-definition'

export const svix = familyMember(
  'svix',
  'Svix',
  'svix',
  whenHeader(['svix-signature'], (h) => !hasV1a(h)),
)
