/**
 * The preload: exposes exactly the Hooklens API client as `window.hooklens` — one named method
 * per API_METHODS entry plus `subscribe` — and nothing else: no generic invoke, no
 * `process.env`, no Node API. Bundled to one CommonJS file so the window keeps `sandbox: true`.
 */
import { contextBridge, ipcRenderer } from 'electron'
import { buildApiClient } from './api-client'

contextBridge.exposeInMainWorld('hooklens', buildApiClient(ipcRenderer))
