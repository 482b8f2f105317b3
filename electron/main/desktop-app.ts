/**
 * The desktop app once Electron is ready: starts the core in-process, exposes its API over IPC,
 * forwards pushed events to the window in batches, drives the tray and the notifications, and
 * stops the core on quit. Electron comes in as an argument so all of it runs against a mock.
 */
import type * as Electron from 'electron'
import type { ApiPush, HooklensApi, StatusInfo } from '../../shared/api'
import type { EventSummary } from '../../shared/event'
import { createInspectorWindow } from './inspector-window'
import { hardenSession } from './content-security'
import { registerIpcHandlers, PUSH_CHANNEL } from './ipc-adapter'
import { createPushBatcher, pushKey, systemClock, type Clock } from '../../shared/push-batcher'
import { Notifier, isSignatureFailure, type NotifierOptions } from './notifier'
import { createNotificationPresenter } from './notification-presenter'
import { TrayController } from './tray-controller'
import { isOwnRendererUrl, type RendererLocation } from './renderer-location'
import { withSecretStatus } from './api-decorations'
import type { DesktopSettings } from './desktop-settings'

export type ElectronModule = Pick<
  typeof Electron,
  | 'app'
  | 'BrowserWindow'
  | 'Tray'
  | 'Menu'
  | 'nativeImage'
  | 'clipboard'
  | 'shell'
  | 'ipcMain'
  | 'Notification'
  | 'session'
  | 'net'
>

/** What the main process needs from the core's composition root. */
export interface CoreHandle {
  api: HooklensApi
  start(): Promise<unknown>
  stop(): Promise<unknown>
}

/** A push only the desktop sends: the window should show this event (notification click). */
export type DesktopPush = ApiPush | { type: 'openEvent'; payload: { id: string } }

export interface DesktopAppOptions {
  electron: ElectronModule
  core: CoreHandle
  settings: DesktopSettings
  location: RendererLocation
  preloadPath: string
  trayDir: string
  platform: NodeJS.Platform
  /** Start hidden in the tray (launched at login). */
  hidden: boolean
  isQuitting(): boolean
  notifier?: Partial<
    Pick<NotifierOptions, 'clock' | 'gatherMs' | 'minIntervalMs' | 'urgentMinIntervalMs'>
  >
  /** Push batching window (ms); 300 by default. */
  pushIntervalMs?: number
  /** Time for the push batcher; real time by default. */
  clock?: Clock
}

export interface DesktopApp {
  readonly api: Omit<HooklensApi, 'subscribe'>
  readonly tray: TrayController
  readonly notifier: Notifier
  window(): Electron.BrowserWindow | null
  showWindow(): Electron.BrowserWindow
  openEvent(id: string): void
  stop(): Promise<void>
}

export async function startDesktopApp(o: DesktopAppOptions): Promise<DesktopApp> {
  const { electron: e, core, settings, location } = o
  const api = withSecretStatus(core.api, () => settings.secretStatus())
  let win: Electron.BrowserWindow | null = null
  const alive = () => (win && !win.isDestroyed() ? win : null)

  hardenSession({
    session: e.session.defaultSession,
    location,
    fetch: (url, init) => e.net.fetch(url, init),
  })
  const unregisterIpc = registerIpcHandlers({
    ipcMain: e.ipcMain,
    api,
    isOwnRenderer: (url) => isOwnRendererUrl(url, location),
  })
  const batcher = createPushBatcher<DesktopPush>({
    deliver: (batch) => alive()?.webContents.send(PUSH_CHANNEL, batch),
    windowMs: o.pushIntervalMs ?? 300,
    clock: o.clock ?? systemClock,
    keyOf: pushKey,
  })

  const sendNow = (push: DesktopPush) => {
    const w = alive()
    if (!w) return
    batcher.flush()
    // A window still loading would drop the message: deliver it once the page is up.
    if (w.webContents.isLoading()) {
      w.webContents.once('did-finish-load', () => w.webContents.send(PUSH_CHANNEL, [push]))
    } else w.webContents.send(PUSH_CHANNEL, [push])
  }

  const showWindow = (): Electron.BrowserWindow => {
    let w = alive()
    if (!w) {
      w = createInspectorWindow({
        createWindow: (opts) => new e.BrowserWindow(opts),
        preloadPath: o.preloadPath,
        location,
        openExternal: (url) => e.shell.openExternal(url),
        isQuitting: o.isQuitting,
      })
      w.on('focus', () => tray.update({ unseenSignatureFailures: 0 }))
      win = w
      // A new window shows itself on 'ready-to-show', without a blank flash.
    } else {
      if (w.isMinimized()) w.restore()
      w.show()
      w.focus()
    }
    tray.update({ unseenSignatureFailures: 0 })
    return w
  }

  const openEvent = (id: string) => {
    showWindow()
    sendNow({ type: 'openEvent', payload: { id } })
  }

  const loginSupported = o.platform === 'darwin' || o.platform === 'win32'
  const tray: TrayController = new TrayController({
    electron: {
      createTray: (image) => new e.Tray(image),
      buildMenu: (template) => e.Menu.buildFromTemplate(template),
      loadImage: (path) => e.nativeImage.createFromPath(path),
    },
    trayDir: o.trayDir,
    platform: o.platform,
    actions: {
      copy: (text) => e.clipboard.writeText(text),
      openInspector: () => void showWindow(),
      setPaused: (paused) =>
        void api
          .setCapturePaused({ paused })
          .then((r) => tray.update({ paused: r.paused }))
          // The menu keeps showing the state the core last reported.
          .catch(() => undefined),
      setNotifications: (on) =>
        tray.update({ notifications: settings.setPrefs({ notifications: on }).notifications }),
      setOpenAtLogin: (on) => {
        if (!loginSupported) return
        e.app.setLoginItemSettings({ openAtLogin: on, args: ['--hidden'] })
        tray.update({ openAtLogin: e.app.getLoginItemSettings().openAtLogin })
      },
      quit: () => e.app.quit(),
    },
  })
  tray.update({
    notifications: settings.prefs().notifications,
    openAtLogin: loginSupported ? e.app.getLoginItemSettings().openAtLogin : false,
    openAtLoginSupported: loginSupported,
  })

  const notifier = new Notifier({
    ...o.notifier,
    show: createNotificationPresenter({ Notification: e.Notification, onClick: openEvent }),
    enabled: () => settings.prefs().notifications,
    suppressed: () => Boolean(alive()?.isVisible() && alive()?.isFocused()),
  })

  const applyStatus = (s: StatusInfo) =>
    tray.update({ receiverUrl: s.receiverUrl, tunnel: s.tunnel, paused: s.paused })

  const onCaptured = (ev: EventSummary) => {
    notifier.onEvent(ev)
    const looking = alive()?.isVisible() && alive()?.isFocused()
    if (isSignatureFailure(ev) && !looking) {
      tray.update({ unseenSignatureFailures: tray.current.unseenSignatureFailures + 1 })
    }
  }

  const unsubscribe = core.api.subscribe((push) => {
    if (push.type === 'statusChanged') {
      // Keep the status the window holds complete: pushed statuses carry secretStorage too.
      const payload = { ...push.payload, secretStorage: settings.secretStatus() }
      batcher.add({ type: 'statusChanged', payload })
    } else batcher.add(push)
    if (push.type === 'eventCaptured') onCaptured(push.payload)
    else if (push.type === 'tunnelStatus') tray.update({ tunnel: push.payload })
    else if (push.type === 'subjectStalled') notifier.onStall(push.payload)
    else if (push.type === 'statusChanged') applyStatus(push.payload)
  })

  await core.start()
  applyStatus(await api.getStatus({}))
  if (!o.hidden) showWindow()

  return {
    api,
    tray,
    notifier,
    window: alive,
    showWindow,
    openEvent,
    async stop() {
      unsubscribe()
      notifier.dispose()
      batcher.dispose()
      unregisterIpc()
      tray.destroy()
      await core.stop()
    },
  }
}
