/**
 * One JSON-RPC call to an A2A agent, with the version header 1.0 needs and the agent's
 * errors turned into sentences: unknown task (-32001), push notifications not supported
 * (-32003), an unsupported operation (-32004, what ADK's `to_a2a()` answers to every
 * push-config method), an unknown method (-32601, usually the other protocol version).
 */
import { randomUUID } from 'node:crypto'
import { A2AShareError, reason, type AgentEndpoint } from './a2a-card'

export interface RpcOptions {
  headers?: Record<string, string>
  fetch?: typeof fetch
  timeoutMs?: number
  /** The task the call is about, for error messages. */
  taskId?: string
}

/** Resolves with `result` (which may be null, as deletes answer). */
export async function callA2A(
  endpoint: AgentEndpoint,
  method: string,
  params: unknown,
  opts: RpcOptions = {},
): Promise<unknown> {
  const fetchFn = opts.fetch ?? fetch
  const headers: Record<string, string> = {
    ...opts.headers,
    'content-type': 'application/json',
    accept: 'application/json',
  }
  // Without it an SDK server with 0.3 compatibility routes the call to its 0.3 handler (-32601).
  if (endpoint.protocol === '1.0') headers['A2A-Version'] = '1.0'
  let res: Response
  let text: string
  try {
    res = await fetchFn(endpoint.rpcUrl, {
      method: 'POST',
      headers,
      body: JSON.stringify({ jsonrpc: '2.0', id: randomUUID(), method, params }),
      signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
    })
    text = await res.text()
  } catch (err) {
    throw new A2AShareError(`cannot reach ${endpoint.rpcUrl}: ${reason(err)}`)
  }
  let answer: { result?: unknown; error?: { code?: number; message?: string } }
  try {
    answer = JSON.parse(text)
  } catch {
    throw new A2AShareError(
      `${endpoint.agentName} answered HTTP ${res.status} without JSON-RPC: ${text.slice(0, 200)}`,
    )
  }
  if (answer.error) throw rpcError(answer.error, opts.taskId ?? '?', method, endpoint.agentName)
  if (!('result' in answer)) {
    throw new A2AShareError(`${endpoint.agentName} answered HTTP ${res.status} without a result`)
  }
  return answer.result
}

export function rpcError(
  err: { code?: number; message?: string },
  taskId: string,
  method: string,
  agent: string,
): A2AShareError {
  const msg = err.message ?? 'no message'
  switch (err.code) {
    case -32001:
      return new A2AShareError(
        `${agent} has no task "${taskId}" (A2A error -32001: ${msg})`,
        -32001,
      )
    case -32003:
      return new A2AShareError(
        `${agent} refused: push notifications are not supported (A2A error -32003: ${msg})`,
        -32003,
      )
    case -32004:
      return new A2AShareError(
        `${agent} answered ${method} with UnsupportedOperationError (-32004: ${msg}): it does not implement push notification configs, whatever its card says — poll the task instead`,
        -32004,
      )
    case -32601:
      return new A2AShareError(
        `${agent} does not know ${method} (-32601): it may speak another A2A version than its card says`,
        -32601,
      )
    default:
      return new A2AShareError(
        `${agent} rejected ${method} (error ${err.code ?? '?'}: ${msg})`,
        err.code,
      )
  }
}
