/**
 * The app's life: one instance only (a second launch shows the first one's window), userData =
 * the Hooklens data dir shared with the CLI, every webContents guarded, the app staying in the
 * tray when its window closes, and the core stopped cleanly before the process exits.
 */
import type * as Electron from 'electron'
import { join, resolve } from 'node:path'
import { APP_DIR_NAME } from '../core/settings/data-dir'
import { guardWebContents } from './inspector-window'
import {
  startDesktopApp,
  type CoreHandle,
  type DesktopApp,
  type ElectronModule,
} from './desktop-app'
import { createDesktopSettings, type DesktopSettings, type StoreCtor } from './desktop-settings'
import { createSecretVault } from './secret-vault'
import { rendererLocation } from './renderer-location'
import { trayIconDir } from './tray-icons'

export const APP_USER_MODEL_ID = 'dev.hooklens.app'

export interface LifecycleOptions {
  electron: ElectronModule & Pick<typeof Electron, 'safeStorage'>
  Store: StoreCtor
  createCore(opts: { dataDir: string; settings: DesktopSettings }): CoreHandle | Promise<CoreHandle>
  /** Folder of the built main bundle (out/main): preload and renderer sit beside it. */
  mainDir: string
  env: NodeJS.ProcessEnv
  argv: string[]
  platform: NodeJS.Platform
  resourcesPath: string
  log(line: string): void
}

export interface Lifecycle {
  /** Resolves with the running app, or null when another instance already runs. */
  ready: Promise<DesktopApp | null>
  dataDir: string | null
}

/** HOOKLENS_DATA_DIR, else `<appData>/hooklens` — what the CLI resolves too. */
export function desktopDataDir(appData: string, env: NodeJS.ProcessEnv): string {
  return env.HOOKLENS_DATA_DIR ? resolve(env.HOOKLENS_DATA_DIR) : join(appData, APP_DIR_NAME)
}

export function runLifecycle(o: LifecycleOptions): Lifecycle {
  const { app, shell } = o.electron
  if (!app.requestSingleInstanceLock()) {
    o.log('hooklens: already running; showing its window')
    app.quit()
    return { ready: Promise.resolve(null), dataDir: null }
  }
  // Set before 'ready' so Chromium's profile, electron-store and the core share one folder,
  // whatever productName the packager gives the app.
  const dataDir = desktopDataDir(app.getPath('appData'), o.env)
  app.setPath('userData', dataDir)
  // Windows shows no notification for an app without an AppUserModelID (electron-builder's appId).
  if (o.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID)

  let desktop: DesktopApp | null = null
  let quitting = false
  let stopped = false

  app.on('second-instance', () => desktop?.showWindow())
  app.on('activate', () => desktop?.showWindow())
  // Listening is enough to keep Electron from quitting when the last window closes.
  app.on('window-all-closed', () => {})
  app.on('web-contents-created', (_event, contents) =>
    guardWebContents(contents, (url) => shell.openExternal(url)),
  )
  app.on('before-quit', () => {
    quitting = true
  })
  app.on('will-quit', (event) => {
    if (stopped || !desktop) return
    // Hold the exit until the core has flushed its log and closed its ports.
    event.preventDefault()
    const running = desktop
    desktop = null
    void running
      .stop()
      .catch((err) => o.log(`hooklens: error while stopping: ${String(err)}`))
      .finally(() => {
        stopped = true
        app.quit()
      })
  })

  const ready = app.whenReady().then(async () => {
    const settings = createDesktopSettings({
      Store: o.Store,
      dataDir,
      vault: createSecretVault(o.electron.safeStorage, o.platform),
    })
    const core = await o.createCore({ dataDir, settings })
    desktop = await startDesktopApp({
      electron: o.electron,
      core,
      settings,
      location: rendererLocation({ mainDir: o.mainDir, isPackaged: app.isPackaged, env: o.env }),
      preloadPath: join(o.mainDir, '..', 'preload', 'index.cjs'),
      trayDir: trayIconDir({
        isPackaged: app.isPackaged,
        resourcesPath: o.resourcesPath,
        appPath: app.getAppPath(),
      }),
      platform: o.platform,
      // Windows passes the login item's --hidden; macOS says how it launched us instead.
      hidden:
        o.argv.includes('--hidden') ||
        (o.platform === 'darwin' && Boolean(app.getLoginItemSettings().wasOpenedAtLogin)),
      isQuitting: () => quitting,
    })
    return desktop
  })
  ready.catch((err) => {
    o.log(`hooklens: could not start: ${err instanceof Error ? err.stack : String(err)}`)
    app.exit(1)
  })
  return { ready, dataDir }
}
