/**
 * Points an A2A agent's task at Hooklens: reads the agent card, then sets the task's push
 * notification config to the public URL + path with a fresh token, over JSON-RPC —
 * `CreateTaskPushNotificationConfig` (with `A2A-Version: 1.0`) for 1.0 agents,
 * `tasks/pushNotificationConfig/set` for 0.3 agents. The caller stores the token as an
 * `a2a-notification-token` verifier so every notification is checked.
 */
import { randomBytes } from 'node:crypto'
import { A2AShareError, chooseEndpoint, fetchAgentCard, type A2AProtocol } from './a2a-card'
import { callA2A } from './a2a-rpc'

export interface RegisterA2AOptions {
  /** The agent's base URL (or its agent card URL). */
  agentUrl: string
  taskId: string
  /** Hooklens' public (tunnel) URL. */
  publicUrl: string
  /** Receiver path for this task's notifications; default `/a2a/<taskId>`. */
  path?: string
  /** Token to register; default a fresh random one. */
  token?: string
  /** Force a protocol version the card offers. */
  protocol?: A2AProtocol
  /** Extra headers for the agent (its own auth, e.g. Authorization); never logged. */
  headers?: Record<string, string>
  fetch?: typeof fetch
  timeoutMs?: number
}

export interface RegisterA2AResult {
  token: string
  /** The webhook URL registered with the agent. */
  url: string
  path: string
  protocolVersion: A2AProtocol
  /** The push config id the agent returned (null when it returned none). */
  configId: string | null
  agentName: string
  rpcUrl: string
}

export function defaultA2APath(taskId: string): string {
  return `/a2a/${encodeURIComponent(taskId)}`
}

export function generateToken(): string {
  return randomBytes(24).toString('base64url')
}

export async function registerA2APush(opts: RegisterA2AOptions): Promise<RegisterA2AResult> {
  const fetchFn = opts.fetch ?? fetch
  const timeoutMs = opts.timeoutMs ?? 10_000
  const { card, cardUrl } = await fetchAgentCard(opts.agentUrl, fetchFn, timeoutMs, opts.headers)
  const endpoint = chooseEndpoint(card, cardUrl, opts.protocol)
  const path = normalisePath(opts.path ?? defaultA2APath(opts.taskId))
  const url = opts.publicUrl.replace(/\/+$/, '') + path
  const token = opts.token ?? generateToken()
  const v1 = endpoint.protocol === '1.0'
  const method = v1 ? 'CreateTaskPushNotificationConfig' : 'tasks/pushNotificationConfig/set'
  const params = v1
    ? { taskId: opts.taskId, url, token }
    : { taskId: opts.taskId, pushNotificationConfig: { url, token } }
  const result = await callA2A(endpoint, method, params, {
    headers: opts.headers,
    fetch: fetchFn,
    timeoutMs,
    taskId: opts.taskId,
  })
  if (result === null || typeof result !== 'object') {
    throw new A2AShareError(`${endpoint.agentName} answered ${method} without a result`)
  }
  return {
    token,
    url,
    path,
    protocolVersion: endpoint.protocol,
    configId: configIdOf(result as Record<string, unknown>, v1),
    agentName: endpoint.agentName,
    rpcUrl: endpoint.rpcUrl,
  }
}

function configIdOf(result: Record<string, unknown>, v1: boolean): string | null {
  const holder = v1
    ? result
    : (result.pushNotificationConfig as Record<string, unknown> | undefined)
  const id = holder?.id
  return typeof id === 'string' && id !== '' ? id : null
}

function normalisePath(path: string): string {
  return path.startsWith('/') ? path : `/${path}`
}
