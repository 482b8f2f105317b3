/**
 * Agent Gateway notification conformance (platforms.md, seed 001): every webhook carries
 * `X-AgentGateway-Timestamp` (Unix seconds) and `X-AgentGateway-Signature`; the default
 * body's `event` is on_complete / on_error / on_timeout with agent_name, execution_id and
 * timestamp, `output` on on_complete and `error` on on_error / on_timeout. A custom Jinja2
 * payload_template may have any shape: only its headers are checked.
 */
import type { Finding } from '../../../../shared/event'
import { isRec, str } from '../context'
import { finding, listed, type ConformanceCheck } from './types'

const EVENTS = ['on_complete', 'on_error', 'on_timeout']
const REQUIRED = ['agent_name', 'execution_id', 'timestamp']

function headerFindings(header: (n: string) => string | undefined): Finding[] {
  const missing = ['X-AgentGateway-Timestamp', 'X-AgentGateway-Signature'].filter(
    (h) => header(h) === undefined,
  )
  const out: Finding[] = []
  if (missing.length > 0) {
    out.push(
      finding(
        'agent-gateway-headers',
        'error',
        `missing ${listed(missing)}: Agent Gateway signs every webhook with both headers`,
      ),
    )
  }
  const ts = header('X-AgentGateway-Timestamp')
  if (ts !== undefined && !/^\d+$/.test(ts.trim())) {
    out.push(
      finding(
        'agent-gateway-headers',
        'error',
        `X-AgentGateway-Timestamp is '${ts}', not Unix seconds`,
      ),
    )
  }
  return out
}

export const checkAgentGateway: ConformanceCheck = ({ ctx, classification }) => {
  const out = headerFindings(ctx.header.bind(ctx))
  const body = ctx.json
  const custom = classification.details?.template === 'custom'
  if (!isRec(body)) return out
  const event = str(body.event)
  if (custom) {
    // A default-looking body whose event is not one Agent Gateway sends.
    if (event !== undefined && str(body.execution_id) && !EVENTS.includes(event)) {
      out.push(
        finding(
          'agent-gateway-event',
          'error',
          `event '${event}' is not one of on_complete, on_error, on_timeout`,
        ),
      )
    }
    return out
  }
  const missing = REQUIRED.filter((k) => str(body[k]) === undefined)
  if (missing.length > 0) {
    out.push(
      finding('agent-gateway-fields', 'error', `${event} notification without ${listed(missing)}`),
    )
  }
  if (event === 'on_complete' && !('output' in body)) {
    out.push(finding('agent-gateway-fields', 'warning', 'on_complete notification without output'))
  }
  if ((event === 'on_error' || event === 'on_timeout') && !str(body.error)) {
    out.push(
      finding('agent-gateway-fields', 'error', `${event} notification without an error message`),
    )
  }
  if (event === 'on_complete' && body.error !== undefined && body.error !== null) {
    out.push(
      finding('agent-gateway-fields', 'warning', 'on_complete notification carries an error'),
    )
  }
  return out
}
