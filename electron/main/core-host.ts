/**
 * Builds the core for the desktop app, in-process: the Hooklens composition root over the data
 * dir, with the desktop's electron-store settings (secrets sealed by safeStorage) in place of the
 * CLI's conf store, plus the same API groups `hooklens listen` serves to the browser inspector
 * (diffs, exports, replay/forwarding, tunnel), so both inspectors get the same answers.
 */
import type { ApiPush, HooklensApi } from '../../shared/api'
import { diffEvents } from '../../shared/diff'
import { exportApi } from '../core/export'
import { createApi } from '../core/hooklens/api'
import type { PartialApiImpl } from '../core/hooklens/api-types'
import { createAnalyzers } from '../core/hooklens/default-analyzers'
import { createHooklens, type Hooklens, type HooklensOptions } from '../core/hooklens/hooklens'
import { relatedDiffs } from '../core/inspect/related-diffs'
import { ReplayService } from '../core/replay/replay-service'
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

function diffGroup(h: Hooklens): PartialApiImpl {
  return {
    diffEvents: async ({ a, b }) => {
      const [ea, eb] = await Promise.all([h.store.getFull(a), h.store.getFull(b)])
      if (!ea || !eb) throw Object.assign(new Error(`unknown event ${ea ? b : a}`), { status: 404 })
      return diffEvents(ea, eb)
    },
    changesSincePrevious: async ({ id }) => relatedDiffs(h.store, id),
  }
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
  // The composition root may come to run the replay service itself; never open a second one
  // on the same delivery log.
  const wired = (h as unknown as { replay?: ReplayService }).replay
  const replay =
    wired instanceof ReplayService
      ? wired
      : await ReplayService.open({
          dataDir: o.dataDir,
          events: h.store,
          verifiers: () => h.verifiers(),
          rules: () => h.settings.get().forwardRules,
          logger,
        })
  if (replay !== wired) {
    h.on('captured', (event) => replay.onCaptured(event))
    replay.subscribe((d) => h.emitPush({ type: 'deliveryResult', payload: d }))
  }
  const exports = exportApi(h.store, { baseUrl: () => h.receiverUrl, version: h.status().version })
  const api = createApi(h, diffGroup(h), exports, replay.api() as PartialApiImpl, tunnel.api())
  const full: HooklensApi = {
    ...api,
    subscribe: (listener: (push: ApiPush) => void) => h.subscribe(listener),
  }
  return {
    api: full,
    async start() {
      await h.start()
      if (h.settings.get().tunnel.enabled) {
        // Not awaited: the window and tray come up while the tunnel registers.
        void tunnel.start().catch((err: Error) => logger.warn(`tunnel: ${err.message}`))
      }
    },
    async stop() {
      tunnel.stop('hooklens stopped')
      if (replay !== wired) await replay.close()
      await h.stop()
    },
  }
}
