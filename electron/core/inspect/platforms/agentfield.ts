/**
 * AgentField (platforms.md, signatures/CATALOG.md §19): execution webhooks
 * `{event: "execution.completed"|"execution.failed", execution_id, workflow_id, ...}` and the
 * observability webhook's batches `{batch_id, event_count, events: [{event_type, event_source,
 * timestamp, data}]}` (older docs: a bare JSON array of events).
 */
import type { Classification } from '../../../../shared/event'
import { get, isRec, str, type ClassifyContext, type Rec } from '../context'

const MAX_LISTED = 20

function eventName(e: unknown): string | undefined {
  return str(get(e, 'event_type')) ?? str(get(e, 'event'))
}

function fieldOf(e: unknown, key: string): string | undefined {
  return str(get(e, key)) ?? str(get(e, 'data', key))
}

function distinct(values: (string | undefined)[]): string[] {
  return [...new Set(values.filter((v): v is string => v !== undefined))]
}

function looksLikeBatchItem(e: unknown): boolean {
  if (!isRec(e)) return false
  const name = eventName(e)
  return (
    name !== undefined &&
    (str(e.event_source) !== undefined || /^(execution|node|reasoner)\./.test(name))
  )
}

function batch(events: unknown[], extra: Rec): Classification {
  const executionIds = distinct(events.map((e) => fieldOf(e, 'execution_id')))
  const workflowIds = distinct(events.map((e) => fieldOf(e, 'workflow_id')))
  const subject =
    executionIds.length === 1 ? executionIds[0] : workflowIds.length === 1 ? workflowIds[0] : null
  return {
    platform: 'agentfield',
    eventType: 'batch',
    subject,
    details: {
      ...extra,
      batchSize: events.length,
      eventTypes: distinct(events.map(eventName)).slice(0, MAX_LISTED),
      executionIds: executionIds.slice(0, MAX_LISTED),
      workflowIds: workflowIds.slice(0, MAX_LISTED),
    },
  }
}

function execution(body: Rec, event: string): Classification {
  const details: Rec = {}
  if (str(body.workflow_id)) details.workflowId = body.workflow_id
  if (str(body.status)) details.status = body.status
  if (str(body.target)) details.target = body.target
  if (str(body.type)) details.type = body.type
  if (typeof body.duration_ms === 'number') details.durationMs = body.duration_ms
  if (str(body.error_message)) details.errorMessage = body.error_message
  if (str(body.agent_node_id)) details.agentNodeId = body.agent_node_id
  return {
    platform: 'agentfield',
    eventType: event,
    subject: str(body.execution_id) ?? str(body.workflow_id) ?? null,
    details,
  }
}

export function detectAgentField(ctx: ClassifyContext): Classification | null {
  const signed =
    ctx.has('x-agentfield-signature') ||
    /^AgentField-Observability\//i.test(ctx.header('user-agent') ?? '')
  const body = ctx.json
  if (isRec(body)) {
    if (Array.isArray(body.events) && (str(body.batch_id) || signed)) {
      const extra: Rec = {}
      if (str(body.batch_id)) extra.batchId = body.batch_id
      if (typeof body.event_count === 'number') extra.eventCount = body.event_count
      return batch(body.events, extra)
    }
    const event = str(body.event)
    if (event && (signed || (event.startsWith('execution.') && str(body.execution_id)))) {
      return execution(body, event)
    }
  }
  if (Array.isArray(body) && body.length > 0 && (signed || body.every(looksLikeBatchItem))) {
    return batch(body, {})
  }
  if (!signed) return null
  return { platform: 'agentfield', eventType: eventName(body) ?? null, subject: null }
}
