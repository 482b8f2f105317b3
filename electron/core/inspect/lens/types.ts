/**
 * Shared shapes of the Agent lens: what a conformance check is given (the request's parsed
 * view, its classification, what `share a2a` registered for its path) and how findings are
 * built. Checks only read the parsed body; the stored bytes are never re-serialised.
 */
import type { Classification, Finding, FindingSeverity } from '../../../../shared/event'
import type { ClassifyContext } from '../context'

export type A2AProtocol = '1.0' | '0.3'

/** What Hooklens itself registered for a receiver path (electron/core/share registrations). */
export interface RegistrationFact {
  protocol: A2AProtocol
  /** The token header the registered agent's SDK sends (default `X-A2A-Notification-Token`). */
  tokenHeader?: string
  agentName?: string
  taskId?: string
}

export interface ConformanceInput {
  ctx: ClassifyContext
  classification: Classification
  registration: RegistrationFact | null
}

export type ConformanceCheck = (input: ConformanceInput) => Finding[]

export function finding(code: string, severity: FindingSeverity, message: string): Finding {
  return { code, severity, message }
}

/** "a, b and c" for messages. */
export function listed(items: string[]): string {
  if (items.length <= 1) return items.join('')
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`
}
