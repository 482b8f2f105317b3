/**
 * IPC channel names shared by the main-process adapter and the preload: `hooklens:<method>` per
 * API method, and one channel for batches of pushed events.
 */
import type { ApiMethodName } from '../../shared/api'

export const IPC_PREFIX = 'hooklens:'
export const PUSH_CHANNEL = 'hooklens:push'

export function channelFor(method: ApiMethodName): string {
  return IPC_PREFIX + method
}
