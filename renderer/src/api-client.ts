/**
 * Picks the transport: the desktop preload's `window.hooklens` when present, else the HTTP
 * client of the control server this page was loaded from.
 */
import type { HooklensApi } from '../../shared/api'
import { createHttpClient } from '../../shared/http-client'

declare global {
  interface Window {
    hooklens?: HooklensApi
  }
}

export function pickClient(onReconnect: () => void): HooklensApi {
  if (window.hooklens) return window.hooklens
  return createHttpClient({ onReconnect })
}
