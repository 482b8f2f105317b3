/**
 * Picks the backend for each tool call: the control API recorded in the data dir's
 * runtime.json when it answers, else the read-only data dir. A live backend is kept while its
 * endpoint stays the same, so repeated calls cost one file read.
 */
import { readRuntimeInfo } from '../share/runtime-info'
import type { McpBackend } from './backend'
import { dataDirBackend } from './data-dir-backend'
import { liveBackend, probeLive } from './live-backend'

export interface BackendSource {
  current(): Promise<McpBackend>
  close(): Promise<void>
}

export function backendSource(dataDir: string): BackendSource {
  const readOnly = dataDirBackend(dataDir)
  let live: { key: string; backend: McpBackend } | null = null
  return {
    async current() {
      const control = readRuntimeInfo(dataDir)?.control
      if (!control) return readOnly
      const key = `${control.url} ${control.token}`
      if (live?.key !== key) {
        const backend = liveBackend(control)
        if (!(await probeLive(backend))) return readOnly
        await live?.backend.close()
        live = { key, backend }
      }
      return live.backend
    },
    async close() {
      await live?.backend.close()
    },
  }
}
