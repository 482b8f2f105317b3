/**
 * Agent Gateway notifications (platforms.md): `on_complete` / `on_error` / `on_timeout` with
 * `agent_name`, `execution_id`, `session_id`. A user's Jinja2 payload_template can give any
 * shape; the signature headers still identify the sender then.
 */
import type { Classification } from '../../../../shared/event'
import { isRec, str, type ClassifyContext, type Rec } from '../context'

export const AGENT_GATEWAY_EVENTS = new Set(['on_complete', 'on_error', 'on_timeout'])

export function detectAgentGateway(ctx: ClassifyContext): Classification | null {
  const signed = ctx.has('x-agentgateway-signature') || ctx.has('x-agentgateway-timestamp')
  const body = ctx.json
  const event = isRec(body) ? str(body.event) : undefined
  if (
    isRec(body) &&
    event &&
    AGENT_GATEWAY_EVENTS.has(event) &&
    (signed || str(body.execution_id))
  ) {
    const details: Rec = { template: 'default' }
    if (str(body.agent_name)) details.agentName = body.agent_name
    if (str(body.session_id)) details.sessionId = body.session_id
    if (str(body.timestamp)) details.timestamp = body.timestamp
    if (body.error !== undefined && body.error !== null) details.error = String(body.error)
    if ('output' in body) details.hasOutput = body.output !== null && body.output !== undefined
    return {
      platform: 'agent-gateway',
      eventType: event,
      subject: str(body.execution_id) ?? null,
      details,
    }
  }
  if (!signed) return null
  // A custom payload_template: the shape is the user's, only the headers are Agent Gateway's.
  return {
    platform: 'agent-gateway',
    eventType: null,
    subject: null,
    details: { template: 'custom' },
  }
}
