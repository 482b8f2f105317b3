/**
 * The IPC transport of the Hooklens API: one `ipcMain.handle('hooklens:<method>')` per entry of
 * API_METHODS (the contract's runtime list, so nothing is listed twice), each refusing calls from
 * any frame that is not our top-level renderer before touching the core. A method that fails
 * answers an `ApiErrorReply` ({error, status}), which the preload client rethrows as ApiError.
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import { API_METHODS, type HooklensApi } from '../../shared/api'
import { apiErrorReply } from '../../shared/api-error'
import { channelFor } from './ipc-channels'

export { channelFor, IPC_PREFIX, PUSH_CHANNEL } from './ipc-channels'

export type ApiImplementation = Omit<HooklensApi, 'subscribe'>

export class ForeignSenderError extends Error {
  constructor(method: string) {
    super(`hooklens: refused ${method} from a frame that is not the Hooklens inspector`)
    this.name = 'ForeignSenderError'
  }
}

export interface IpcAdapterOptions {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>
  api: ApiImplementation
  isOwnRenderer(url: string): boolean
  onRejected?(method: string, url: string | null): void
}

function senderUrl(event: IpcMainInvokeEvent): string | null {
  const frame = event.senderFrame
  // Sub-frames (an iframe the page might embed) never speak for the inspector.
  if (!frame || frame.parent) return null
  return frame.url
}

/** Registers every handler; returns a function that removes them all. */
export function registerIpcHandlers(opts: IpcAdapterOptions): () => void {
  for (const method of API_METHODS) {
    opts.ipcMain.handle(channelFor(method), async (event, arg: unknown) => {
      const url = senderUrl(event)
      if (!url || !opts.isOwnRenderer(url)) {
        opts.onRejected?.(method, url)
        throw new ForeignSenderError(method)
      }
      if (arg !== undefined && (arg === null || typeof arg !== 'object' || Array.isArray(arg))) {
        throw new TypeError(`hooklens: ${method} takes one object argument`)
      }
      const call = opts.api[method] as (a: unknown) => Promise<unknown>
      try {
        return await call.call(opts.api, arg ?? {})
      } catch (err) {
        // Electron would keep only the message of a thrown error; the reply keeps the status.
        return apiErrorReply(err)
      }
    })
  }
  return () => {
    for (const method of API_METHODS) opts.ipcMain.removeHandler(channelFor(method))
  }
}
