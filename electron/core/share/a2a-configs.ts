/**
 * Listing and deleting a task's push notification configs on the agent, on both protocol
 * versions: 1.0 `ListTaskPushNotificationConfigs` / `DeleteTaskPushNotificationConfig`
 * (`{taskId, id}`), 0.3 `tasks/pushNotificationConfig/list` / `.../delete`
 * (`{id: taskId, pushNotificationConfigId}`). Answers are normalised to one shape.
 */
import type { AgentEndpoint } from './a2a-card'
import { callA2A, type RpcOptions } from './a2a-rpc'

export interface PushConfigInfo {
  id: string | null
  taskId: string
  url: string | null
  /** Whether the config has a token (the token itself is never returned). */
  hasToken: boolean
}

type Rec = Record<string, unknown>
const rec = (v: unknown): Rec => (v && typeof v === 'object' ? (v as Rec) : {})
const strOrNull = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null)

export async function listPushConfigs(
  endpoint: AgentEndpoint,
  taskId: string,
  opts: RpcOptions = {},
): Promise<PushConfigInfo[]> {
  const v1 = endpoint.protocol === '1.0'
  const result = await callA2A(
    endpoint,
    v1 ? 'ListTaskPushNotificationConfigs' : 'tasks/pushNotificationConfig/list',
    v1 ? { taskId } : { id: taskId },
    { ...opts, taskId },
  )
  const list = v1 ? rec(result).configs : result
  if (!Array.isArray(list)) return []
  return list.map((raw) => {
    // 0.3 wraps each config as {taskId, pushNotificationConfig: {...}}; 1.0 lists it flat.
    const c = v1 ? rec(raw) : rec(rec(raw).pushNotificationConfig)
    return {
      id: strOrNull(c.id),
      taskId: strOrNull(rec(raw).taskId) ?? taskId,
      url: strOrNull(c.url),
      hasToken: strOrNull(c.token) !== null,
    }
  })
}

export async function deletePushConfig(
  endpoint: AgentEndpoint,
  taskId: string,
  configId: string,
  opts: RpcOptions = {},
): Promise<void> {
  const v1 = endpoint.protocol === '1.0'
  await callA2A(
    endpoint,
    v1 ? 'DeleteTaskPushNotificationConfig' : 'tasks/pushNotificationConfig/delete',
    v1 ? { taskId, id: configId } : { id: taskId, pushNotificationConfigId: configId },
    { ...opts, taskId },
  )
}
