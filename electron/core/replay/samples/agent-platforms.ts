/**
 * Samples from agent platforms (platforms.md): A2A push notifications (1.0 StreamResponse and
 * 0.3 task snapshots, X-A2A-Notification-Token), Agent Gateway notifications (Python json.dumps
 * body, X-AgentGateway-Timestamp/Signature) and AgentField execution webhooks (Go json.Marshal
 * body, X-AgentField-Signature).
 */
import { randomUUID } from 'node:crypto'
import type { HeaderPair } from '../../../../shared/event'
import { hmac } from '../signers/primitives'
import { goJsonMarshal, pythonJsonDumps } from './json-styles'
import { unknownEvent, type SampleBuilder } from './types'

const A2A_EVENTS = ['status-update', 'task', 'artifact-update', 'message', 'failed', 'task-0.3']

export const a2a: SampleBuilder = {
  platform: 'a2a',
  events: A2A_EVENTS,
  defaultSecret: null,
  build(opts, event) {
    const taskId = randomUUID()
    const contextId = randomUUID()
    const timestamp = opts.now.toISOString()
    const message = {
      messageId: randomUUID(),
      role: 'ROLE_AGENT',
      parts: [{ text: 'Summary ready: 3 tickets triaged' }],
      contextId,
      taskId,
    }
    let body: unknown
    let contentType = 'application/a2a+json'
    switch (event) {
      case 'status-update':
      case 'failed':
        body = {
          statusUpdate: {
            taskId,
            contextId,
            status: {
              state: event === 'failed' ? 'TASK_STATE_FAILED' : 'TASK_STATE_COMPLETED',
              timestamp,
            },
          },
        }
        break
      case 'task':
        body = {
          task: {
            id: taskId,
            contextId,
            status: { state: 'TASK_STATE_WORKING', timestamp },
            history: [],
            metadata: {},
          },
        }
        break
      case 'artifact-update':
        body = {
          artifactUpdate: {
            taskId,
            contextId,
            artifact: {
              artifactId: randomUUID(),
              name: 'result',
              parts: [{ text: 'echo: triage done', mediaType: 'text/plain' }],
            },
            lastChunk: true,
          },
        }
        break
      case 'message':
        body = { message }
        break
      case 'task-0.3':
        contentType = 'application/json'
        body = {
          kind: 'task',
          id: taskId,
          contextId,
          status: { state: 'completed', timestamp },
          history: [],
          artifacts: [
            {
              artifactId: randomUUID(),
              name: 'result',
              parts: [{ kind: 'text', text: 'echo: triage done' }],
            },
          ],
          metadata: {},
        }
        break
      default:
        throw unknownEvent('a2a', event, A2A_EVENTS)
    }
    // Header order as @a2a-js/sdk's sender (Node fetch) writes them.
    const headers: HeaderPair[] = [['Content-Type', contentType]]
    if (opts.secret) headers.push(['X-A2A-Notification-Token', opts.secret])
    headers.push(
      ['accept', '*/*'],
      ['accept-language', '*'],
      ['sec-fetch-mode', 'cors'],
      ['user-agent', 'node'],
      ['accept-encoding', 'gzip, deflate'],
    )
    return {
      platform: 'a2a',
      eventType: event,
      scheme: opts.secret ? 'a2a-notification-token' : null,
      method: 'POST',
      headers,
      body: Buffer.from(JSON.stringify(body)),
      secretUsed: opts.secret ?? null,
      notes: opts.secret
        ? []
        : ['sent without X-A2A-Notification-Token (pass --secret TOKEN to add one)'],
    }
  },
}

const AG_EVENTS = ['on_complete', 'on_error', 'on_timeout']

export const agentGateway: SampleBuilder = {
  platform: 'agent-gateway',
  events: AG_EVENTS,
  defaultSecret: 's3cret',
  build(opts, event) {
    if (!AG_EVENTS.includes(event)) throw unknownEvent('agent-gateway', event, AG_EVENTS)
    const payload: Record<string, unknown> = {
      agent_name: 'support-triage',
      event,
      execution_id: randomUUID(),
      session_id: null,
    }
    if (event === 'on_complete') payload.output = { summary: 'Triaged 3 tickets', priority: 'high' }
    else
      payload.error =
        event === 'on_timeout' ? 'Agent run exceeded timeout of 300s' : "KeyError: 'ticket_id'"
    // Python's datetime.isoformat() with microseconds and an explicit UTC offset.
    payload.timestamp = opts.now.toISOString().replace(/\.(\d{3})Z$/, '.$1000+00:00')
    const body = Buffer.from(pythonJsonDumps(payload))
    const secret = opts.secret ?? (this.defaultSecret as string)
    const ts = String(Math.floor(opts.now.getTime() / 1000))
    const sig = hmac('sha256', secret, [`${ts}.`, body], 'hex')
    return {
      platform: 'agent-gateway',
      eventType: event,
      scheme: 'agent-gateway',
      method: 'POST',
      headers: [
        ['accept', '*/*'],
        ['accept-encoding', 'gzip, deflate'],
        ['user-agent', 'python-httpx/0.28.1'],
        ['content-type', 'application/json'],
        ['X-AgentGateway-Timestamp', ts],
        ['X-AgentGateway-Signature', `sha256=${sig}`],
      ],
      body,
      secretUsed: secret,
      notes: [],
    }
  },
}

const AF_EVENTS = ['execution.completed', 'execution.failed']

export const agentfield: SampleBuilder = {
  platform: 'agentfield',
  events: AF_EVENTS,
  defaultSecret: 'whsec_your_hmac_secret',
  build(opts, event) {
    if (!AF_EVENTS.includes(event)) throw unknownEvent('agentfield', event, AF_EVENTS)
    const ok = event === 'execution.completed'
    // Field order of types.ExecutionWebhookPayload; omitempty drops result / error_message.
    const payload: Record<string, unknown> = {
      event,
      execution_id: `exec_${randomUUID().slice(0, 8)}`,
      workflow_id: `run_${randomUUID().slice(0, 6)}`,
      status: ok ? 'succeeded' : 'failed',
      target: 'analyzer.process',
      type: 'reasoner',
      duration_ms: 14200,
    }
    if (ok) payload.result = { summary: 'Document processed <ok> & indexed' }
    else payload.error_message = 'reasoner raised: context window exceeded'
    payload.timestamp = opts.now.toISOString().replace(/\.\d{3}Z$/, 'Z')
    const body = Buffer.from(goJsonMarshal(payload))
    const secret = (opts.secret ?? (this.defaultSecret as string)).trim()
    return {
      platform: 'agentfield',
      eventType: event,
      scheme: 'agentfield-execution',
      method: 'POST',
      // Go canonicalises header names (X-Agentfield-Signature) and sorts them on the wire.
      headers: [
        ['User-Agent', 'Go-http-client/1.1'],
        ['Content-Type', 'application/json'],
        ['X-Agentfield-Signature', `sha256=${hmac('sha256', secret, [body], 'hex')}`],
        ['Accept-Encoding', 'gzip'],
      ],
      body,
      secretUsed: secret,
      notes: [],
    }
  },
}
