/**
 * Argument schemas the tools share, named as the API contract names them (EventQuery fields,
 * `id`, replayEvent's fields), each with a message that says what a valid value looks like.
 */
import { z } from 'zod'
import type { EventQuery } from '../../../../shared/api'

const ID_RE = /^[A-Za-z0-9_-]{1,64}$/

export const eventId = z
  .string()
  .regex(ID_RE, 'must be an event id as list_events returns it (e.g. 01JD2M4Q5R8ZJ3KX9W7C6V5B4N)')

export const deliveryId = z
  .string()
  .regex(ID_RE, 'must be a delivery id as list_deliveries returns it')

const statusList = (values: string[]) =>
  z
    .string()
    .regex(
      new RegExp(`^(${values.join('|')})(,(${values.join('|')}))*$`),
      `must be one of ${values.join(', ')} (or a comma-separated list)`,
    )

export const VERIFICATION_STATUSES = ['valid', 'invalid', 'missing', 'unverifiable', 'none']

/** EventQuery's filters (without paging). */
export const filterShape = {
  platform: z
    .string()
    .min(1)
    .max(64)
    .optional()
    .describe('a2a, agent-gateway, agentfield, standard-webhooks, stripe, github, slack, ...'),
  eventType: z.string().min(1).max(200).optional().describe('exact, or a glob like task.*'),
  subject: z
    .string()
    .min(1)
    .max(500)
    .optional()
    .describe('the task / execution / object the event is about'),
  path: z
    .string()
    .startsWith('/', 'must start with /')
    .max(500)
    .optional()
    .describe('path prefix or glob (/hooks/*)'),
  text: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe('case-insensitive search in headers, path and body'),
  verification: statusList(VERIFICATION_STATUSES)
    .optional()
    .describe('valid | invalid | missing | unverifiable | none'),
  idempotency: statusList(['first', 'duplicate', 'conflict'])
    .optional()
    .describe('first | duplicate | conflict'),
  duplicates: z.boolean().optional().describe('only duplicates (same key, same body)'),
  conflicts: z.boolean().optional().describe('only conflicts (same key, different body)'),
}

export type FilterArgs = {
  [K in keyof typeof filterShape]?: z.output<(typeof filterShape)[K]>
}

export function toQuery(a: FilterArgs): EventQuery {
  const idempotency =
    [a.idempotency, a.duplicates && 'duplicate', a.conflicts && 'conflict']
      .filter(Boolean)
      .join(',') || undefined
  return {
    platform: a.platform,
    eventType: a.eventType,
    subject: a.subject,
    path: a.path,
    text: a.text,
    verification: a.verification,
    idempotency,
  }
}

export const headerName = z
  .string()
  .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,256}$/, 'must be an HTTP header name')

export const headerValueSchema = z
  .string()
  .max(8192)
  .refine((v) => !/[\r\n\0]/.test(v), 'a header value cannot contain CR, LF or NUL')

export const targetUrl = z
  .string()
  .max(2048)
  .regex(/^https?:\/\//i, 'must be an http:// or https:// URL, e.g. http://localhost:3000/webhook')
