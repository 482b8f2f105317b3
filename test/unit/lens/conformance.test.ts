import { describe, expect, it } from 'vitest'
import type { HeaderPair } from '../../../shared/event'
import { classify } from '../../../electron/core/inspect'
import { conformanceFindings, type RegistrationFact } from '../../../electron/core/inspect/lens'
import { a2a03, a2a03Events, a2a10 } from '../../fixtures/platforms/a2a'
import {
  agentGatewayComplete,
  agentGatewayError,
  agentGatewayTimeout,
  agentGatewayPagerDutyTemplate,
} from '../../fixtures/platforms/agent-gateway'
import {
  agentFieldBareArray,
  agentFieldBatch,
  agentFieldBatch10,
  agentFieldCompleted,
  agentFieldFailed,
} from '../../fixtures/platforms/agentfield'
import { requestOf, type PlatformFixture } from '../../fixtures/platforms/types'

function findings(
  headers: HeaderPair[],
  body: string | object,
  registration: RegistrationFact | null = null,
) {
  const req = {
    method: 'POST',
    path: '/a2a/t-1',
    headers,
    body: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
  }
  return conformanceFindings({ ...req, classification: classify(req), registration })
}

function ofFixture(f: PlatformFixture, registration: RegistrationFact | null = null) {
  const req = requestOf(f)
  return conformanceFindings({ ...req, classification: classify(req), registration })
}

const A2A10: HeaderPair[] = [
  ['Content-Type', 'application/a2a+json'],
  ['X-A2A-Notification-Token', 'tok'],
]
const status = (state: string) => ({ state, timestamp: '2026-11-25T15:27:21.536Z' })

describe('Agent lens conformance: compliant requests raise nothing', () => {
  const all = [
    ...a2a10,
    ...a2a03,
    ...a2a03Events,
    agentGatewayComplete,
    agentGatewayError,
    agentGatewayTimeout,
    agentGatewayPagerDutyTemplate,
    agentFieldCompleted,
    agentFieldFailed,
    agentFieldBatch,
    agentFieldBatch10,
    agentFieldBareArray,
  ]
  it.each(all.map((f) => [f.name, f] as const))('%s', (_name, f) => {
    expect(ofFixture(f)).toEqual([])
  })

  it('a 1.0 body matching a 1.0 registration, and a 0.3 body matching a 0.3 one', () => {
    expect(ofFixture(a2a10[0], { protocol: '1.0' })).toEqual([])
    expect(ofFixture(a2a03[0], { protocol: '0.3' })).toEqual([])
  })
})

describe('Agent lens conformance: A2A', () => {
  it('flags a 1.0 StreamResponse with two top-level keys', () => {
    const out = findings(A2A10, {
      task: { id: 't-1', contextId: 'c', status: status('TASK_STATE_WORKING') },
      statusUpdate: { taskId: 't-1', contextId: 'c', status: status('TASK_STATE_COMPLETED') },
    })
    expect(out).toEqual([
      {
        code: 'a2a-stream-response',
        severity: 'error',
        message:
          'A2A 1.0 StreamResponse must hold exactly one of task, message, statusUpdate, artifactUpdate; this body has task and statusUpdate',
      },
    ])
  })

  it('flags a 1.0 body with none of the four keys', () => {
    const out = findings(A2A10, { result: { id: 't-1' } })
    expect(out.map((f) => f.code)).toEqual(['a2a-stream-response'])
    expect(out[0].message).toMatch(/this body has none/)
  })

  it('flags a 0.3 state name in a 1.0 body and a 1.0 state in a 0.3 body', () => {
    const v1 = findings(A2A10, { statusUpdate: { taskId: 't-1', status: status('working') } })
    expect(v1).toEqual([
      {
        code: 'a2a-state',
        severity: 'error',
        message:
          "state 'working' is not an A2A 1.0 task state ('working' is the A2A 0.3 spelling; 1.0 sends TASK_STATE_WORKING)",
      },
    ])
    const v03 = findings(
      [
        ['Content-Type', 'application/json'],
        ['X-A2A-Notification-Token', 'tok'],
      ],
      { kind: 'task', id: 't-1', contextId: 'c', status: status('TASK_STATE_COMPLETED') },
    )
    expect(v03.map((f) => f.code)).toEqual(['a2a-state'])
    expect(v03[0].message).toMatch(/0\.3 sends 'completed'/)
  })

  it('flags the Go SDK token header spelling (and the X- one when the agent is Go)', () => {
    const body = { statusUpdate: { taskId: 't-1', status: status('TASK_STATE_WORKING') } }
    const go = findings(
      [
        ['Content-Type', 'application/a2a+json'],
        ['A2A-Notification-Token', 'tok'],
      ],
      body,
    )
    expect(go.map((f) => [f.code, f.severity])).toEqual([['a2a-token-header', 'warning']])
    expect(go[0].message).toMatch(/^token arrived in A2A-Notification-Token \(the Go SDK spelling/)
    const goAgent = { protocol: '1.0' as const, tokenHeader: 'A2A-Notification-Token' }
    expect(findings(A2A10, body, goAgent).map((f) => f.code)).toEqual(['a2a-token-header'])
    expect(
      findings(
        [
          ['Content-Type', 'application/a2a+json'],
          ['A2A-Notification-Token', 'tok'],
        ],
        body,
        goAgent,
      ),
    ).toEqual([])
  })

  it('flags a body whose protocol is not the one share a2a registered', () => {
    const out = ofFixture(a2a03[0], { protocol: '1.0' })
    expect(out.map((f) => f.code)).toEqual(['a2a-protocol-mismatch'])
    expect(out[0].message).toMatch(
      /registered with A2A 1\.0 by share a2a, but this body is an A2A 0\.3 Task snapshot/,
    )
  })

  it('notes a 1.0 body sent as application/json', () => {
    const out = findings([['X-A2A-Notification-Token', 'tok']], {
      statusUpdate: { taskId: 't-1', status: status('TASK_STATE_WORKING') },
    })
    expect(out.map((f) => [f.code, f.severity])).toEqual([['a2a-content-type', 'info']])
  })
})

describe('Agent lens conformance: Agent Gateway', () => {
  const signed: HeaderPair[] = [
    ['Content-Type', 'application/json'],
    ['X-AgentGateway-Timestamp', '1764600000'],
    ['X-AgentGateway-Signature', 'sha256=' + 'ab'.repeat(32)],
  ]
  const base = {
    agent_name: 'a',
    event: 'on_complete',
    execution_id: 'e-1',
    session_id: null,
    output: 'ok',
    timestamp: '2026-12-01T00:00:00Z',
  }

  it('flags missing signature headers', () => {
    const out = findings([['Content-Type', 'application/json']], base)
    expect(out.map((f) => f.code)).toEqual(['agent-gateway-headers'])
    expect(out[0].message).toMatch(/missing X-AgentGateway-Timestamp and X-AgentGateway-Signature/)
  })

  it('flags an event Agent Gateway does not send', () => {
    const out = findings(signed, { ...base, event: 'on_success' })
    expect(out.map((f) => f.code)).toEqual(['agent-gateway-event'])
  })

  it('flags the fields an event must carry', () => {
    const noError = findings(signed, { ...base, event: 'on_error', output: undefined })
    expect(noError.map((f) => f.message)).toEqual([
      'on_error notification without an error message',
    ])
    const noId = findings(signed, { ...base, agent_name: undefined })
    expect(noId[0].message).toBe('on_complete notification without agent_name')
    const { output: _o, ...noOutput } = base
    expect(findings(signed, noOutput).map((f) => f.message)).toEqual([
      'on_complete notification without output',
    ])
  })
})

describe('Agent lens conformance: AgentField', () => {
  const signed: HeaderPair[] = [
    ['Content-Type', 'application/json'],
    ['X-AgentField-Signature', 'sha256=' + 'cd'.repeat(32)],
  ]
  it('flags a batch whose event_count is not events.length', () => {
    const body = JSON.parse(agentFieldBatch.body)
    const out = findings(signed, { ...body, event_count: 5 })
    expect(out).toEqual([
      {
        code: 'agentfield-batch-count',
        severity: 'error',
        message: 'batch says event_count 5 but holds 3 events',
      },
    ])
  })

  it('flags execution webhooks without their execution fields', () => {
    const out = findings(signed, { event: 'execution.completed', execution_id: 'x', status: 'ok' })
    expect(out.map((f) => f.message)).toEqual([
      'execution.completed webhook without workflow_id and timestamp',
    ])
  })
})
