/**
 * Builds the core for the desktop app, in-process: the Hooklens composition root over the data
 * dir, with the desktop's electron-store settings (secrets sealed by safeStorage) in place of the
 * CLI's conf store, the default analyzers, the tunnel, and the API the IPC adapter serves.
 */
import type { ApiPush, HooklensApi } from '../../shared/api'
import { createApi } from '../core/hooklens/api'
import { createAnalyzers } from '../core/hooklens/default-analyzers'
import { createHooklens, type HooklensOptions } from '../core/hooklens/hooklens'
import type { SettingsStore } from '../core/settings/settings-store'
import { attachTunnel } from '../core/tunnel/hooklens-tunnel'
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
  const settings = desktopSettingsStore(o.settings)
  const options: HooklensOptions & { settings: SettingsStore } = {
    dataDir: o.dataDir,
    analyzers: createAnalyzers(),
    logger,
    version: o.version,
    settings,
  }
  const h = await createHooklens(options)
  if ((h as { settings: unknown }).settings !== settings) {
    // Until the composition root accepts `settings`, it opens its own conf store, which would
    // save a secret added in the app without encryption. Say so loudly rather than silently.
    o.log('hooklens: warning: the core opened its own settings store; secrets are not sealed')
  }
  const tunnel = attachTunnel(h, { manager: { logger } })
  const api = createApi(h, tunnel.api())
  const full: HooklensApi = {
    ...api,
    subscribe: (listener: (push: ApiPush) => void) => h.subscribe(listener),
  }
  return {
    api: full,
    async start() {
      await h.start()
      if (h.settings.get().tunnel.enabled) {
        void tunnel.start().catch((err: Error) => logger.warn(`tunnel: ${err.message}`))
      }
    },
    async stop() {
      tunnel.stop('hooklens stopped')
      await h.stop()
    },
  }
}
