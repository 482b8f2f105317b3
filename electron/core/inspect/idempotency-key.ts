/**
 * The idempotency key of an event, first rule that applies, with where it came from:
 * delivery-id headers, then the platform's own body id (Stripe `evt_`, execution id + event),
 * then a generic body `id` / `event_id`, else the body's sha256. A2A notifications carry no
 * delivery id and a task's successive notifications are distinct events, so for A2A only
 * byte-identical bodies share a key: never key on the task id. An empty body is keyed on its
 * request line (method, path, query) when that is given.
 */
import type { Classification, HeaderPair } from '../../../shared/event'
import { headerValue } from '../../../shared/event'
import { idStr, isRec, parseJson, str } from './context'

export interface IdempotencyKeyInput {
  headers: HeaderPair[]
  body: Buffer
  classification: Classification
  sha256: string
  /** Request line, used only for empty bodies (GET pings, validation requests). */
  method?: string
  path?: string
  query?: string
}

export interface IdempotencyKey {
  key: string
  source: string
}

/** Delivery-id headers, in order of preference. */
export const KEY_HEADERS = [
  'webhook-id',
  'svix-id',
  'idempotency-key',
  'x-github-delivery',
  'x-shopify-webhook-id',
  'linear-delivery',
]

function fromHeaders(headers: HeaderPair[]): IdempotencyKey | null {
  for (const name of KEY_HEADERS) {
    const v = headerValue(headers, name)?.trim()
    if (v) return { key: v, source: `header:${name}` }
  }
  return null
}

function fromPlatform(c: Classification, body: unknown): IdempotencyKey | null {
  if (!isRec(body)) return null
  if (c.platform === 'stripe') {
    const id = str(body.id)
    return id?.startsWith('evt_') ? { key: id, source: 'body:id' } : null
  }
  if (c.platform === 'agent-gateway' || c.platform === 'agentfield') {
    const batchId = str(body.batch_id)
    if (c.platform === 'agentfield' && batchId && Array.isArray(body.events)) {
      return { key: batchId, source: 'body:batch_id' }
    }
    const exec = str(body.execution_id)
    const event = str(body.event)
    if (exec && event) return { key: `${exec}:${event}`, source: 'body:execution_id+event' }
  }
  return null
}

function fromGenericBody(body: unknown): IdempotencyKey | null {
  if (!isRec(body)) return null
  for (const field of ['id', 'event_id']) {
    const v = idStr(body[field])
    if (v) return { key: v, source: `body:${field}` }
  }
  return null
}

export function idempotencyKey(input: IdempotencyKeyInput): IdempotencyKey {
  const byHeader = fromHeaders(input.headers)
  if (byHeader) return byHeader
  if (input.body.length === 0 && input.method !== undefined && input.path !== undefined) {
    // Every empty body has the same sha256: key on the request instead, so unrelated pings
    // are not all "duplicates" of one another.
    const q = input.query ? `?${input.query}` : ''
    return { key: `${input.method} ${input.path}${q}`, source: 'request-line' }
  }
  const c = input.classification
  if (c.platform === 'a2a') return { key: input.sha256, source: 'a2a:sha256' }
  const body = parseJson(input.body)
  return fromPlatform(c, body) ?? fromGenericBody(body) ?? { key: input.sha256, source: 'sha256' }
}
