/**
 * Builds the renderer's API client over ipcRenderer: `hooklens:<method>` invokes generated from
 * the contract's API_METHODS (an `ApiErrorReply` rethrown as ApiError), and `subscribe` unrolling
 * the main process's push batches. The IpcRendererEvent (which carries `sender`) is never handed
 * to page code.
 */
import type { IpcRenderer, IpcRendererEvent } from 'electron'
import { API_METHODS, type ApiPush, type HooklensApi } from '../../shared/api'
import { ApiError, isApiErrorReply } from '../../shared/api-error'
import { channelFor, PUSH_CHANNEL } from '../main/ipc-channels'

type Ipc = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>

export function buildApiClient(ipc: Ipc): HooklensApi {
  const client: Record<string, unknown> = {}
  for (const method of API_METHODS) {
    client[method] = async (arg?: unknown) => {
      const reply: unknown = await ipc.invoke(channelFor(method), arg ?? {})
      // The same ApiError the HTTP client throws, so the desktop shows what the browser shows.
      if (isApiErrorReply(reply)) throw new ApiError(reply.error, reply.status)
      return reply
    }
  }
  client.subscribe = (listener: (push: ApiPush) => void) => {
    if (typeof listener !== 'function') throw new TypeError('subscribe takes a function')
    const onBatch = (_event: IpcRendererEvent, batch: unknown) => {
      if (!Array.isArray(batch)) return
      for (const push of batch) {
        try {
          listener(push as ApiPush)
        } catch (err) {
          console.error('hooklens: a push listener threw', err)
        }
      }
    }
    ipc.on(PUSH_CHANNEL, onBatch)
    return () => {
      ipc.removeListener(PUSH_CHANNEL, onBatch)
    }
  }
  return client as HooklensApi
}
