/**
 * Adds what only the desktop knows to the status answer: whether secrets are saved encrypted or
 * kept for this session only (`secretStorage`), so the inspector can say so next to secrets.
 * Only getStatus: a field added to getSettings would come back in an updateSettings patch and
 * be saved to the file.
 */
import type { HooklensApi } from '../../shared/api'
import type { SecretStorageStatus } from './secret-vault'

import type { ApiImplementation } from './ipc-adapter'

export function withSecretStatus(
  api: HooklensApi,
  status: () => SecretStorageStatus,
): ApiImplementation {
  const decorated: Record<string, unknown> = {}
  for (const [name, fn] of Object.entries(api)) {
    if (name === 'subscribe' || typeof fn !== 'function') continue
    decorated[name] = (arg: unknown) => (fn as (a: unknown) => Promise<unknown>).call(api, arg)
  }
  const add = async (p: Promise<unknown>) => {
    const result = await p
    return result && typeof result === 'object' && !Array.isArray(result)
      ? { ...result, secretStorage: status() }
      : result
  }
  decorated.getStatus = (arg: Record<string, never>) => add(api.getStatus(arg))
  return decorated as ApiImplementation
}
