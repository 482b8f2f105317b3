/**
 * AgentField conformance (platforms.md, seed 004): an execution webhook names its execution
 * (`execution_id`, `workflow_id`, `status`, `timestamp`) and its status agrees with its event;
 * an observability batch says how many events it holds (`event_count` = `events.length`),
 * holds at most 10, and every item has an `event_type`.
 */
import type { Finding } from '../../../../shared/event'
import { isRec, str } from '../context'
import { finding, listed, type ConformanceCheck } from './types'

export const MAX_BATCH = 10
const EXECUTION_FIELDS = ['execution_id', 'workflow_id', 'status', 'timestamp']
const FAILED = new Set(['failed', 'error', 'timeout', 'cancelled', 'canceled'])

function batchFindings(body: unknown): Finding[] {
  const events = isRec(body) ? body.events : body
  if (!Array.isArray(events)) return []
  const out: Finding[] = []
  if (isRec(body) && 'event_count' in body && body.event_count !== events.length) {
    out.push(
      finding(
        'agentfield-batch-count',
        'error',
        `batch says event_count ${JSON.stringify(body.event_count)} but holds ${events.length} events`,
      ),
    )
  }
  if (events.length > MAX_BATCH) {
    out.push(
      finding(
        'agentfield-batch-size',
        'warning',
        `batch holds ${events.length} events; AgentField sends at most ${MAX_BATCH} per request`,
      ),
    )
  }
  const nameless = events.filter((e) => !isRec(e) || !(str(e.event_type) ?? str(e.event))).length
  if (nameless > 0) {
    out.push(
      finding(
        'agentfield-batch-item',
        'warning',
        `${nameless} of ${events.length} batch items have no event_type`,
      ),
    )
  }
  return out
}

function executionFindings(body: Record<string, unknown>, event: string): Finding[] {
  const out: Finding[] = []
  const missing = EXECUTION_FIELDS.filter((k) => str(body[k]) === undefined)
  if (missing.length > 0) {
    out.push(
      finding(
        'agentfield-execution-fields',
        'error',
        `${event} webhook without ${listed(missing)}`,
      ),
    )
  }
  const status = str(body.status)
  if (status && event === 'execution.completed' && FAILED.has(status)) {
    out.push(
      finding(
        'agentfield-execution-status',
        'warning',
        `execution.completed with status '${status}'`,
      ),
    )
  }
  if (status && event === 'execution.failed' && !FAILED.has(status)) {
    out.push(
      finding('agentfield-execution-status', 'warning', `execution.failed with status '${status}'`),
    )
  }
  return out
}

export const checkAgentField: ConformanceCheck = ({ ctx, classification }) => {
  if (classification.eventType === 'batch') return batchFindings(ctx.json)
  const body = ctx.json
  const event = classification.eventType
  if (isRec(body) && event && event.startsWith('execution.')) return executionFindings(body, event)
  return []
}
