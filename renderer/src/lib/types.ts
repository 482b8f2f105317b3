/**
 * The shapes the inspector reads out of the API's `unknown` results (deliveries, settings).
 * Declared here, loosely, so the renderer depends on the contract in shared/ only; every
 * field is read defensively.
 */
import type { BodyEncoding, HeaderPair } from '../../../shared/event'

export interface DeliveryView {
  id: string
  eventId: string
  target: string
  ruleId?: string | null
  kind: 'replay' | 'forward' | string
  status: 'pending' | 'delivered' | 'failed' | 'dead' | string
  attempts?: number
  maxAttempts?: number
  lastError?: string | null
  createdAt?: string
  request?: {
    method: string
    url: string
    headers: HeaderPair[]
    body: string
    bodyEncoding: BodyEncoding
  }
  response?: {
    status: number
    headers: HeaderPair[]
    body: string
    bodyEncoding: BodyEncoding
    size: number
    truncated: boolean
  } | null
  latencyMs?: number | null
  notes?: string[]
}

export interface VerifierView {
  id: string
  scheme: string
  secrets?: string[]
  path?: string
  tolerance?: number
  name?: string
}

export interface ResponseRuleView {
  id: string
  method?: string
  path?: string
  status: number
  headers?: [string, string][]
  body?: string
  delayMs?: number
}

export interface SettingsView {
  receiver?: { port?: number; host?: string; maxBodyBytes?: number }
  retention?: { maxEvents?: number; maxBytes?: number }
  responseRules?: ResponseRuleView[]
  defaultResponse?: { status?: number; body?: string; contentType?: string }
  verifiers?: VerifierView[]
  /** This session's `--secret` verifiers (masked, read-only): verdicts cite them too. */
  sessionVerifiers?: VerifierView[]
  forwardRules?: {
    id: string
    targets: string[]
    filter?: { path?: string; platform?: string; eventType?: string }
    enabled?: boolean
  }[]
  ui?: { port?: number }
  [section: string]: unknown
}

export function asDelivery(v: unknown): DeliveryView | null {
  if (!v || typeof v !== 'object') return null
  const d = v as DeliveryView
  return typeof d.id === 'string' ? d : null
}

/**
 * One row per delivery, newest first: a delivery's pushes (pending, then delivered) and the
 * replay call's own answer all carry the same id, and may arrive in either order.
 */
export function mergeDelivery(list: DeliveryView[], d: DeliveryView): DeliveryView[] {
  const next = list.filter((x) => x.id !== d.id)
  next.push(d)
  return next.sort(newestFirst)
}

function newestFirst(x: DeliveryView, y: DeliveryView): number {
  const a = x.createdAt ?? ''
  const b = y.createdAt ?? ''
  if (a !== b) return a < b ? 1 : -1
  return x.id < y.id ? 1 : x.id > y.id ? -1 : 0
}
