import { describe, expect, it } from 'vitest'
import { classify } from '../../../electron/core/inspect'
import * as fx from '../../fixtures/platforms'

const c = (f: fx.PlatformFixture) => classify(fx.requestOf(f))

describe('classify: A2A', () => {
  it('reads the 1.0 StreamResponse wrappers with TASK_STATE_* states', () => {
    const [task, artifact, status] = fx.a2a10.map(c)
    expect(task).toMatchObject({
      platform: 'a2a',
      eventType: 'task',
      subject: fx.A2A_TASK_ID,
      details: {
        protocol: '1.0',
        state: 'TASK_STATE_WORKING',
        stateName: 'working',
        terminal: false,
      },
    })
    expect(task.details?.contextId).toBe(fx.A2A_CONTEXT_ID)
    expect(artifact).toMatchObject({
      platform: 'a2a',
      eventType: 'artifactUpdate',
      subject: fx.A2A_TASK_ID,
      details: { artifactName: 'result', lastChunk: true },
    })
    expect(status).toMatchObject({
      eventType: 'statusUpdate',
      subject: fx.A2A_TASK_ID,
      details: { state: 'TASK_STATE_COMPLETED', stateName: 'completed', terminal: true },
    })
  })

  it('reads 0.3 Task snapshots with lower-case states and counts artifacts', () => {
    const [working, withArtifact, completed] = fx.a2a03.map(c)
    expect(working).toMatchObject({
      platform: 'a2a',
      eventType: 'task',
      subject: fx.A2A_TASK_ID,
      details: { protocol: '0.3', state: 'working', stateName: 'working', artifactCount: 0 },
    })
    expect(withArtifact.details).toMatchObject({ state: 'working', artifactCount: 1 })
    expect(completed.details).toMatchObject({
      state: 'completed',
      terminal: true,
      historyLength: 1,
    })
  })

  it('reads 0.3 status-update and artifact-update events', () => {
    const [status, artifact] = fx.a2a03Events.map(c)
    expect(status).toMatchObject({
      eventType: 'status-update',
      subject: fx.A2A_TASK_ID,
      details: { protocol: '0.3', stateName: 'input-required', final: true, terminal: false },
    })
    expect(artifact).toMatchObject({
      eventType: 'artifact-update',
      details: { lastChunk: true, append: false },
    })
  })

  it('knows an A2A sender by its token header even when the body is unrecognised', () => {
    const f = { ...fx.a2a10[0], body: '{"something":"else"}' }
    expect(c(f)).toMatchObject({ platform: 'a2a', eventType: null, subject: null })
  })

  it('does not take a lone {"message": ...} from another sender for A2A', () => {
    const f = { ...fx.plainText, headers: [], body: '{"message":{"text":"hi"}}' }
    expect(c(f as fx.PlatformFixture).platform).toBe('unknown')
  })
})

describe('classify: agent platforms', () => {
  it('Agent Gateway on_complete / on_error / on_timeout: subject = execution id, agent name', () => {
    expect(c(fx.agentGatewayComplete)).toMatchObject({
      platform: 'agent-gateway',
      eventType: 'on_complete',
      subject: fx.AG_EXECUTION_ID,
      details: { agentName: 'report-agent', template: 'default', hasOutput: true },
    })
    expect(c(fx.agentGatewayError)).toMatchObject({
      eventType: 'on_error',
      details: { agentName: 'report-agent', sessionId: 'sess-42', error: 'channel_not_found' },
    })
    expect(c(fx.agentGatewayTimeout)).toMatchObject({
      eventType: 'on_timeout',
      details: { agentName: 'slow-agent' },
    })
  })

  it('Agent Gateway custom payload_template: platform from headers, shape unknown', () => {
    expect(c(fx.agentGatewayPagerDutyTemplate)).toMatchObject({
      platform: 'agent-gateway',
      eventType: null,
      details: { template: 'custom' },
    })
  })

  it('AgentField execution webhooks: subject = execution id, workflow in details', () => {
    expect(c(fx.agentFieldCompleted)).toMatchObject({
      platform: 'agentfield',
      eventType: 'execution.completed',
      subject: 'exec_abc',
      details: {
        workflowId: 'run_x7y8z9',
        status: 'succeeded',
        durationMs: 14200,
        target: 'analyzer.process',
      },
    })
    expect(c(fx.agentFieldFailed)).toMatchObject({
      eventType: 'execution.failed',
      subject: 'exec_def',
      details: { errorMessage: 'reasoner crashed' },
    })
  })

  it('AgentField observability batches: batch size, event types, common execution as subject', () => {
    expect(c(fx.agentFieldBatch)).toMatchObject({
      platform: 'agentfield',
      eventType: 'batch',
      subject: 'exec_abc',
      details: {
        batchSize: 3,
        eventCount: 3,
        eventTypes: ['execution.started', 'reasoner.called', 'execution.completed'],
        executionIds: ['exec_abc'],
      },
    })
  })

  it('AgentField batch spanning executions and workflows has no single subject', () => {
    const cl = c(fx.agentFieldBatch10)
    expect(cl).toMatchObject({ eventType: 'batch', subject: null, details: { batchSize: 10 } })
    expect(cl.details?.executionIds).toHaveLength(5)
    expect(cl.details?.workflowIds).toEqual(['run_a', 'run_b'])
  })

  it('AgentField bare-array batch without a signature is recognised by its items', () => {
    expect(c(fx.agentFieldBareArray)).toMatchObject({
      platform: 'agentfield',
      eventType: 'batch',
      subject: 'exec_abc',
      details: { batchSize: 3 },
    })
  })
})

describe('classify: classic webhook senders', () => {
  it('Stripe: type and the object it is about', () => {
    expect(c(fx.stripeInvoicePaid)).toMatchObject({
      platform: 'stripe',
      eventType: 'invoice.paid',
      subject: 'in_1QxYyzAbCdEfGhIj',
      details: { objectType: 'invoice', livemode: false, previousAttributes: ['status'] },
    })
  })

  it('Stripe by body shape alone (no signature header)', () => {
    const f = {
      ...fx.stripeInvoicePaid,
      headers: [['Content-Type', 'application/json']] as [string, string][],
    }
    expect(c(f).platform).toBe('stripe')
  })

  it('GitHub: X-GitHub-Event + action, subject repo#number / repo@ref', () => {
    expect(c(fx.githubIssueOpened)).toMatchObject({
      platform: 'github',
      eventType: 'issues.opened',
      subject: 'octocat/Hello-World#1347',
      details: { delivery: '72d3162e-cc78-11e3-81ab-4c9367dc0958', sender: 'octocat' },
    })
    expect(c(fx.githubPush)).toMatchObject({
      eventType: 'push',
      subject: 'octocat/Hello-World@refs/heads/main',
    })
  })

  it('Slack: Events API inner type and channel, url_verification, slash commands', () => {
    expect(c(fx.slackAppMention)).toMatchObject({
      platform: 'slack',
      eventType: 'app_mention',
      subject: 'C123ABC456',
      details: { teamId: 'T123ABC456', eventId: 'Ev123ABC456' },
    })
    expect(c(fx.slackUrlVerification)).toMatchObject({
      platform: 'slack',
      eventType: 'url_verification',
    })
    expect(c(fx.slackSlashCommand)).toMatchObject({
      platform: 'slack',
      eventType: 'slash_command',
      subject: 'C2147483705',
      details: { command: '/weather' },
    })
  })

  it('Standard Webhooks and Svix senders: body type, data.id', () => {
    expect(c(fx.standardWebhook)).toMatchObject({
      platform: 'standard-webhooks',
      eventType: 'invoice.paid',
      subject: 'inv_123',
      details: { messageId: 'msg_p5jXN8AQM9LWM0D4loKWxJek', sender: 'standard' },
    })
    expect(c(fx.svixClerkUserCreated)).toMatchObject({
      platform: 'svix',
      eventType: 'user.created',
      subject: 'user_29w83sxmDNGwOuEthce5gg56FcC',
      details: { sender: 'svix' },
    })
  })

  it('header-identified platforms (Shopify topic)', () => {
    expect(c(fx.shopifyOrderCreate)).toMatchObject({
      platform: 'shopify',
      eventType: 'orders/create',
      subject: 'gid://shopify/Order/820982911946154508',
    })
  })

  it('unknown senders: best-effort event type and subject; non-JSON stays empty', () => {
    expect(c(fx.unknownSender)).toEqual({
      platform: 'unknown',
      eventType: 'agent_task_completed',
      subject: 'task-99',
    })
    expect(c(fx.plainText)).toEqual({ platform: 'unknown', eventType: null, subject: null })
    expect(c({ ...fx.plainText, body: '{"type": broken' })).toEqual({
      platform: 'unknown',
      eventType: null,
      subject: null,
    })
  })
})

describe('classify: GitHub form-encoded deliveries', () => {
  it('reads the JSON in the payload field', () => {
    const json = JSON.parse(fx.githubIssueOpened.body)
    const f: fx.PlatformFixture = {
      ...fx.githubIssueOpened,
      headers: [
        ['Content-Type', 'application/x-www-form-urlencoded'],
        ['X-GitHub-Event', 'issues'],
        ['X-GitHub-Delivery', 'd-1'],
      ],
      body: new URLSearchParams({ payload: JSON.stringify(json) }).toString(),
    }
    expect(c(f)).toMatchObject({
      platform: 'github',
      eventType: 'issues.opened',
      subject: 'octocat/Hello-World#1347',
    })
  })
})
