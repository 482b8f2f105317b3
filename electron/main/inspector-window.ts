/**
 * The inspector window: every security switch set explicitly (context isolation, sandbox, no
 * Node, no webview), navigation away from our page blocked, new windows refused with http(s)
 * links handed to the system browser. Closing hides it to the tray; quitting really closes it.
 */
import type { BrowserWindow, BrowserWindowConstructorOptions, WebContents } from 'electron'
import type { RendererLocation } from './renderer-location'

export function inspectorWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'Hooklens',
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
    },
  }
}

export function isExternalHttpUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url)
    return protocol === 'http:' || protocol === 'https:'
  } catch {
    return false
  }
}

type GuardedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>

/** Guards any webContents, ours or not: no navigation, no webviews, links to the browser. */
export function guardWebContents(
  contents: GuardedContents,
  openExternal: (url: string) => unknown,
): void {
  contents.on('will-navigate', (event) => event.preventDefault())
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalHttpUrl(url)) void openExternal(url)
    return { action: 'deny' }
  })
}

export interface InspectorWindowOptions {
  createWindow(options: BrowserWindowConstructorOptions): BrowserWindow
  preloadPath: string
  location: RendererLocation
  openExternal(url: string): unknown
  /** True once the app is quitting: then close really closes. */
  isQuitting(): boolean
}

export function createInspectorWindow(opts: InspectorWindowOptions): BrowserWindow {
  const win = opts.createWindow(inspectorWindowOptions(opts.preloadPath))
  guardWebContents(win.webContents, opts.openExternal)
  win.on('close', (event) => {
    if (opts.isQuitting()) return
    event.preventDefault()
    win.hide()
  })
  win.once('ready-to-show', () => {
    win.show()
    win.focus()
  })
  const { location } = opts
  if (location.devServerUrl) void win.loadURL(location.devServerUrl)
  else void win.loadURL(location.fileUrl)
  return win
}
