/**
 * Builds the core for the desktop app, in-process: the Hooklens composition root over the data
 * dir, with the desktop's electron-store settings (secrets sealed by safeStorage) in place of the
 * CLI's conf store, the default analyzers, the tunnel, and the API the IPC adapter serves —
 * createApi's groups (events, diffs, exports, replay) plus the tunnel's, as `listen` serves them.
 */
import type { ApiPush, HooklensApi } from '../../shared/api'
import { createApi } from '../core/hooklens/api'
import { createAnalyzers } from '../core/hooklens/default-analyzers'
import { createHooklens } from '../core/hooklens/hooklens'
import { attachTunnel } from '../core/tunnel/hooklens-tunnel'
import { startControlServer, type ControlServer } from '../core/control/server'
import type { CoreHandle } from './desktop-app'
import type { DesktopSettings } from './desktop-settings'
import { desktopSettingsStore } from './desktop-settings-store'

export interface DesktopCoreOptions {
  dataDir: string
  settings: DesktopSettings
  log(line: string): void
  version?: string
}

export async function createDesktopCore(o: DesktopCoreOptions): Promise<CoreHandle> {
  const logger = { info: o.log, warn: (m: string) => o.log(`warning: ${m}`) }
  const h = await createHooklens({
    dataDir: o.dataDir,
    settings: desktopSettingsStore(o.settings),
    analyzers: createAnalyzers(),
    logger,
    version: o.version,
  })
  const tunnel = attachTunnel(h, { manager: { logger } })
  const api = createApi(h, tunnel.api())
  const full: HooklensApi = {
    ...api,
    subscribe: (listener: (push: ApiPush) => void) => h.subscribe(listener),
  }
  let control: ControlServer | null = null
  return {
    api: full,
    async start() {
      await h.start()
      // API only, loopback + per-run token (0600 runtime.json): how `hooklens mcp` reaches the
      // running app. The window itself talks over IPC.
      try {
        control = await startControlServer({ api: full })
        h.setUiUrl(null, { url: control.origin, token: control.token })
      } catch (err) {
        logger.warn(`control API for hooklens mcp not started: ${(err as Error).message}`)
      }
      if (h.settings.get().tunnel.enabled) {
        // Not awaited: the window and tray come up while the tunnel registers.
        void tunnel.start().catch((err: Error) => logger.warn(`tunnel: ${err.message}`))
      }
    },
    async stop() {
      tunnel.stop('hooklens stopped')
      await control?.close()
      control = null
      await h.stop()
    },
  }
}
