/**
 * A real A2A agent for tests, built from @a2a-js/sdk's server parts (DefaultRequestHandler,
 * in-memory task and push-config stores, the legacy-aware push sender, the 1.0 and 0.3
 * JSON-RPC transport handlers) on node:http — the SDK's own routers need express, which
 * this project does not install. Routing follows the SDK's express router: `A2A-Version`
 * absent or 0.3 → 0.3 handler, else 1.0; the card is the 1.0 card when asked with
 * `A2A-Version: 1.0`, else a 0.3 card. Each task waits at a gate the test opens, then
 * publishes an artifact and completes — so a push config can be set on a running task.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { randomUUID } from 'node:crypto'
import { A2A_PROTOCOL_VERSION, TaskState, type AgentCard } from '@a2a-js/sdk'
import {
  AgentEvent,
  DefaultRequestHandler,
  InMemoryPushNotificationStore,
  InMemoryTaskStore,
  JsonRpcTransportHandler,
  UnauthenticatedUser,
  defaultServerCallContextBuilder,
  type AgentExecutor,
  type ExecutionEventBus,
  type RequestContext,
} from '@a2a-js/sdk/server'
import {
  LegacyJsonRpcTransportHandler,
  createLegacyAwarePushNotificationSender,
} from '@a2a-js/sdk/compat/v0_3/server'

export type AgentMode = 'compat' | 'v0.3-only' | 'no-push'

export interface TestAgent {
  url: string
  /** Starts a task (1.0 SendMessage / 0.3 message/send, not blocking) and returns its id. */
  startTask(text: string): Promise<string>
  /** Lets the task publish its artifact and complete. */
  release(taskId: string): void
  close(): Promise<void>
}

class GatedExecutor implements AgentExecutor {
  private readonly gates = new Map<string, () => void>()
  private readonly opened = new Set<string>()
  private readonly hung: (() => void)[] = []

  /** Set: after the gate, publish one `working` update and go quiet (never complete). */
  constructor(private readonly stallAfterFirstUpdate = false) {}

  /** Lets hung tasks return, so closing the agent leaves nothing pending. */
  wake(): void {
    for (const h of this.hung.splice(0)) h()
  }

  release(taskId: string): void {
    this.opened.add(taskId)
    this.gates.get(taskId)?.()
  }

  cancelTask = async (): Promise<void> => {}

  async execute(ctx: RequestContext, bus: ExecutionEventBus): Promise<void> {
    const { taskId, contextId } = ctx
    const status = (state: TaskState) => ({
      state,
      timestamp: new Date().toISOString(),
      message: undefined,
    })
    bus.publish(
      AgentEvent.task({
        id: taskId,
        contextId,
        status: status(TaskState.TASK_STATE_WORKING),
        artifacts: [],
        history: [ctx.userMessage],
        metadata: {},
      }),
    )
    if (!this.opened.has(taskId)) {
      await new Promise<void>((resolve) => this.gates.set(taskId, resolve))
    }
    if (this.stallAfterFirstUpdate) {
      bus.publish(
        AgentEvent.statusUpdate({
          taskId,
          contextId,
          status: status(TaskState.TASK_STATE_WORKING),
          metadata: undefined,
        }),
      )
      await new Promise<void>((resolve) => this.hung.push(resolve))
      return
    }
    bus.publish(
      AgentEvent.artifactUpdate({
        taskId,
        contextId,
        artifact: {
          artifactId: randomUUID(),
          name: 'result',
          description: '',
          parts: [
            {
              content: { $case: 'text', value: 'echo: done' },
              metadata: undefined,
              filename: '',
              mediaType: 'text/plain',
            },
          ],
          metadata: undefined,
          extensions: [],
        },
        append: false,
        lastChunk: true,
        metadata: undefined,
      }),
    )
    bus.publish(
      AgentEvent.statusUpdate({
        taskId,
        contextId,
        status: status(TaskState.TASK_STATE_COMPLETED),
        metadata: undefined,
      }),
    )
  }
}

export async function startTestAgent(
  mode: AgentMode = 'compat',
  opts: { requireAuthorization?: string; stallAfterFirstUpdate?: boolean } = {},
): Promise<TestAgent> {
  const server = http.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const rpcUrl = `${base}/a2a/jsonrpc`
  const push = mode !== 'no-push'
  const card: AgentCard = {
    name: 'Hooklens test agent',
    description: 'Echoes, slowly, for push notification tests.',
    supportedInterfaces: [
      {
        url: rpcUrl,
        protocolBinding: 'JSONRPC',
        tenant: '',
        protocolVersion: A2A_PROTOCOL_VERSION,
      },
    ],
    provider: undefined,
    version: '1.0.0',
    capabilities: {
      streaming: false,
      pushNotifications: push,
      extensions: [],
      extendedAgentCard: false,
    },
    securitySchemes: {},
    securityRequirements: [],
    defaultInputModes: ['text'],
    defaultOutputModes: ['text'],
    skills: [],
    signatures: [],
  }
  const legacyCard = {
    name: card.name,
    description: card.description,
    url: rpcUrl,
    preferredTransport: 'JSONRPC',
    protocolVersion: '0.3.0',
    version: '1.0.0',
    capabilities: { streaming: false, pushNotifications: push },
    defaultInputModes: ['text'],
    defaultOutputModes: ['text'],
    skills: [],
  }
  const executor = new GatedExecutor(opts.stallAfterFirstUpdate)
  const pushStore = new InMemoryPushNotificationStore()
  const handler = new DefaultRequestHandler(
    card,
    new InMemoryTaskStore(),
    executor,
    undefined,
    pushStore,
    createLegacyAwarePushNotificationSender(pushStore, { timeout: 5000 }),
  )
  const v1 = new JsonRpcTransportHandler(handler)
  const legacy = new LegacyJsonRpcTransportHandler(handler)

  server.on('request', (req, res) => {
    const version = req.headers['a2a-version'] as string | undefined
    const wantsLegacy = mode === 'v0.3-only' || (version ?? '0.3') === '0.3'
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
    }
    if (opts.requireAuthorization && req.headers.authorization !== opts.requireAuthorization) {
      return send(401, { error: 'unauthorized' })
    }
    if (req.method === 'GET' && req.url === '/.well-known/agent-card.json') {
      return send(200, wantsLegacy ? legacyCard : card)
    }
    if (req.method !== 'POST' || req.url !== '/a2a/jsonrpc')
      return send(404, { error: 'not found' })
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', async () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'))
      const context = defaultServerCallContextBuilder({
        extensions: undefined,
        user: new UnauthenticatedUser(),
        headers: req.headers,
        requestedVersion: wantsLegacy ? undefined : version,
      })
      try {
        const out = await (wantsLegacy ? legacy : v1).handle(body, context)
        send(200, out)
      } catch (err) {
        const error = wantsLegacy
          ? LegacyJsonRpcTransportHandler.mapToLegacyJSONRPCError(err)
          : JsonRpcTransportHandler.mapToJSONRPCError(err)
        send(200, { jsonrpc: '2.0', id: body?.id ?? null, error })
      }
    })
  })

  return {
    url: base,
    async startTask(text) {
      const legacyOnly = mode === 'v0.3-only'
      const params = legacyOnly
        ? {
            message: {
              kind: 'message',
              messageId: randomUUID(),
              role: 'user',
              parts: [{ kind: 'text', text }],
            },
            configuration: { blocking: false },
          }
        : {
            message: { messageId: randomUUID(), role: 'ROLE_USER', parts: [{ text }] },
            configuration: { returnImmediately: true },
          }
      const res = await fetch(rpcUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(legacyOnly ? {} : { 'A2A-Version': '1.0' }),
          ...(opts.requireAuthorization ? { authorization: opts.requireAuthorization } : {}),
        },
        body: JSON.stringify({
          jsonrpc: '2.0',
          id: 1,
          method: legacyOnly ? 'message/send' : 'SendMessage',
          params,
        }),
      })
      const answer = (await res.json()) as {
        result?: { id?: string; task?: { id: string } }
        error?: unknown
      }
      const id = answer.result?.task?.id ?? answer.result?.id
      if (!id) throw new Error(`starting a task failed: ${JSON.stringify(answer)}`)
      return id
    },
    release: (taskId) => executor.release(taskId),
    close: () =>
      new Promise<void>((resolve) => {
        executor.wake()
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/**
 * The SDK's push sender logs every delivery (console.log) and every failure (console.error),
 * including deliveries cut short when a test tears its servers down; keep test output for
 * what matters. Returns the undo.
 */
export function quietA2ASdk(): () => void {
  const saved = { info: console.info, error: console.error, log: console.log }
  const noisy = (args: unknown[]) =>
    typeof args[0] === 'string' && /push notification/i.test(args[0])
  for (const level of ['info', 'error', 'log'] as const) {
    console[level] = (...args: unknown[]) => (noisy(args) ? undefined : saved[level](...args))
  }
  return () => Object.assign(console, saved)
}
