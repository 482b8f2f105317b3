/** Resend delivers through Svix: its requests are Svix's, so detection names svix. */
import { familyMember } from './parts/standard-webhooks-family'

export const resend = familyMember('resend', 'Resend (Svix)', 'svix', { as: 'svix' })
