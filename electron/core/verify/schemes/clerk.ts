/** Clerk delivers through Svix: its requests are Svix's, so detection names svix. */
import { familyMember } from './parts/standard-webhooks-family'

export const clerk = familyMember('clerk', 'Clerk (Svix)', 'svix', { as: 'svix' })
