/**
 * A2A push notification conformance (platforms.md): a 1.0 body is a StreamResponse with
 * exactly one of task / message / statusUpdate / artifactUpdate and TASK_STATE_* states; a
 * 0.3 body is a `kind`-tagged object with lower-case states; the token header is spelled the
 * way the registered agent's SDK spells it; the body's protocol is the one `share a2a`
 * registered the push config with (the body follows the config's version, not the task's).
 */
import type { Finding } from '../../../../shared/event'
import { get, isRec, str, type Rec } from '../context'
import { finding, listed, type A2AProtocol, type ConformanceCheck } from './types'

export const WRAPPERS = ['task', 'message', 'statusUpdate', 'artifactUpdate'] as const
const KINDS_03 = new Set(['task', 'status-update', 'artifact-update', 'message'])

export const STATES_10 = new Set([
  'TASK_STATE_SUBMITTED',
  'TASK_STATE_WORKING',
  'TASK_STATE_INPUT_REQUIRED',
  'TASK_STATE_AUTH_REQUIRED',
  'TASK_STATE_COMPLETED',
  'TASK_STATE_FAILED',
  'TASK_STATE_CANCELED',
  'TASK_STATE_REJECTED',
])
export const STATES_03 = new Set([
  'submitted',
  'working',
  'input-required',
  'auth-required',
  'completed',
  'failed',
  'canceled',
  'rejected',
  'unknown',
])

export const TOKEN_HEADER = 'X-A2A-Notification-Token'
/** The Go SDK's spelling (a2a-go); Python, JS and Java send the X- form. */
export const GO_TOKEN_HEADER = 'A2A-Notification-Token'

/** Which protocol a body is written in, judged from its shape and content type. */
export function bodyProtocol(json: unknown, contentType: string): A2AProtocol | null {
  if (isRec(json)) {
    if (WRAPPERS.some((w) => w in json && isRec(json[w]))) return '1.0'
    if (KINDS_03.has(str(json.kind) ?? '')) return '0.3'
  }
  return contentType === 'application/a2a+json' ? '1.0' : null
}

function statusOf(json: Rec, protocol: A2AProtocol): unknown {
  if (protocol === '0.3') return json.status
  const inner = isRec(json.task) ? json.task : isRec(json.statusUpdate) ? json.statusUpdate : null
  return inner?.status
}

function streamResponseShape(json: unknown): Finding[] {
  if (!isRec(json)) {
    return [
      finding(
        'a2a-stream-response',
        'error',
        'A2A 1.0 push body is not a JSON object: it must be a StreamResponse',
      ),
    ]
  }
  const present = WRAPPERS.filter((w) => w in json)
  if (present.length > 1) {
    return [
      finding(
        'a2a-stream-response',
        'error',
        `A2A 1.0 StreamResponse must hold exactly one of task, message, statusUpdate, artifactUpdate; this body has ${listed(present)}`,
      ),
    ]
  }
  if (present.length === 0) {
    return [
      finding(
        'a2a-stream-response',
        'error',
        'A2A 1.0 StreamResponse must hold exactly one of task, message, statusUpdate, artifactUpdate; this body has none',
      ),
    ]
  }
  const extra = Object.keys(json).filter((k) => k !== present[0])
  if (extra.length === 0) return []
  return [
    finding(
      'a2a-stream-response',
      'warning',
      `A2A 1.0 StreamResponse has unexpected top-level ${extra.length === 1 ? 'key' : 'keys'} ${listed(extra)} beside ${present[0]}`,
    ),
  ]
}

function stateFindings(json: unknown, protocol: A2AProtocol): Finding[] {
  if (!isRec(json)) return []
  const state = str(get(statusOf(json, protocol), 'state'))
  if (state === undefined) return []
  if (protocol === '1.0' && !STATES_10.has(state)) {
    const hint = STATES_03.has(state)
      ? ` ('${state}' is the A2A 0.3 spelling; 1.0 sends TASK_STATE_${state.toUpperCase().replace(/-/g, '_')})`
      : ''
    return [finding('a2a-state', 'error', `state '${state}' is not an A2A 1.0 task state${hint}`)]
  }
  if (protocol === '0.3' && !STATES_03.has(state)) {
    const hint = STATES_10.has(state)
      ? ` ('${state}' is the A2A 1.0 spelling; 0.3 sends '${state
          .replace(/^TASK_STATE_/, '')
          .toLowerCase()
          .replace(/_/g, '-')}')`
      : ''
    return [finding('a2a-state', 'error', `state '${state}' is not an A2A 0.3 task state${hint}`)]
  }
  return []
}

function contentTypeFindings(contentType: string, protocol: A2AProtocol): Finding[] {
  if (protocol === '1.0' && contentType !== 'application/a2a+json') {
    return [
      finding(
        'a2a-content-type',
        'info',
        `A2A 1.0 push sent as ${contentType || 'no content type'}; SDKs send application/a2a+json`,
      ),
    ]
  }
  return []
}

const checkA2a: ConformanceCheck = ({ ctx, classification, registration }) => {
  const protocol = bodyProtocol(ctx.json, ctx.contentType)
  const out: Finding[] = []
  if (protocol === '1.0') out.push(...streamResponseShape(ctx.json))
  if (protocol) {
    out.push(
      ...stateFindings(ctx.json, protocol),
      ...contentTypeFindings(ctx.contentType, protocol),
    )
  }
  out.push(...tokenHeaderFindings(ctx.header.bind(ctx), registration?.tokenHeader))
  if (registration && protocol && registration.protocol !== protocol) {
    const what = protocol === '0.3' ? 'an A2A 0.3 Task snapshot' : 'an A2A 1.0 StreamResponse'
    const expected =
      registration.protocol === '1.0' ? 'a StreamResponse' : 'full Task snapshots (kind: task)'
    out.push(
      finding(
        'a2a-protocol-mismatch',
        'error',
        `registered with A2A ${registration.protocol} by share a2a, but this body is ${what}; an A2A ${registration.protocol} push config receives ${expected}`,
      ),
    )
  }
  if (classification.eventType === null && protocol === null && out.length === 0) {
    out.push(
      finding(
        'a2a-unrecognised',
        'warning',
        'A2A headers, but the body is neither a 1.0 StreamResponse nor a 0.3 task/message object',
      ),
    )
  }
  return out
}

/**
 * Both spellings are accepted; the one the registered agent's SDK would not send is flagged
 * (with no registration, the X- form of the Python, JS and Java SDKs is the expected one).
 */
export function tokenHeaderFindings(
  header: (name: string) => string | undefined,
  expected: string | undefined,
): Finding[] {
  const x = header(TOKEN_HEADER)
  const go = header(GO_TOKEN_HEADER)
  if (x !== undefined && go !== undefined) {
    return [
      finding(
        'a2a-token-header',
        'warning',
        x === go
          ? `token sent twice, in ${TOKEN_HEADER} and ${GO_TOKEN_HEADER}`
          : `${TOKEN_HEADER} and ${GO_TOKEN_HEADER} carry different tokens`,
      ),
    ]
  }
  const want = (expected ?? TOKEN_HEADER).toLowerCase()
  const sent = x !== undefined ? TOKEN_HEADER : go !== undefined ? GO_TOKEN_HEADER : null
  if (sent === null || sent.toLowerCase() === want) return []
  const who =
    sent === GO_TOKEN_HEADER
      ? 'the Go SDK spelling; the Python, JS and Java SDKs send X-A2A-Notification-Token'
      : 'the Python/JS/Java SDK spelling; the registered agent (Go SDK) sends A2A-Notification-Token'
  return [
    finding(
      'a2a-token-header',
      'warning',
      `token arrived in ${sent} (${who}): accepted, but a receiver built on the other SDK will not see it`,
    ),
  ]
}

export { checkA2a }
