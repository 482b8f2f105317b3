/**
 * Builds the core for the desktop app, in-process: the Hooklens composition root over the data
 * dir, with the desktop's electron-store settings (secrets sealed by safeStorage) in place of the
 * CLI's settings.json store and the default analyzers. The composition root creates the tunnel and the
 * API, as it does for `listen`; this adds the control server `hooklens mcp` reaches.
 */
import type { ApiPush, HooklensApi } from '../../shared/api'
import { createAnalyzers } from '../core/hooklens/default-analyzers'
import { createHooklens } from '../core/hooklens/hooklens'
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
  const full: HooklensApi = {
    ...h.api,
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
        h.setControl({ url: control.origin, token: control.token })
      } catch (err) {
        logger.warn(`control API for hooklens mcp not started: ${(err as Error).message}`)
      }
      // When settings say so; the window and tray come up while the tunnel registers.
      h.openTunnel()
    },
    async stop() {
      await control?.close()
      control = null
      // Closes the tunnel too ('hooklens stopped'), then the receiver and the stores.
      await h.stop()
    },
  }
}
