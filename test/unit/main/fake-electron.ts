/**
 * A recording stand-in for the parts of Electron the main process uses (no Electron binary can
 * run here). Each fake keeps what was done to it so tests can assert on it.
 */
import { EventEmitter } from 'node:events'
import { vi } from 'vitest'
import type { MenuItemConstructorOptions } from 'electron'

export class FakeImage {
  template = false
  constructor(readonly path: string) {}
  setTemplateImage(on: boolean) {
    this.template = on
  }
}

export class FakeTray extends EventEmitter {
  static instances: FakeTray[] = []
  image: FakeImage
  tooltip = ''
  menu: { template: MenuItemConstructorOptions[] } | null = null
  destroyed = false
  constructor(image: FakeImage) {
    super()
    this.image = image
    FakeTray.instances.push(this)
  }
  setImage(image: FakeImage) {
    this.image = image
  }
  setToolTip(t: string) {
    this.tooltip = t
  }
  setContextMenu(menu: { template: MenuItemConstructorOptions[] }) {
    this.menu = menu
  }
  destroy() {
    this.destroyed = true
  }
  item(id: string): MenuItemConstructorOptions {
    const found = this.menu?.template.find((i) => i.id === id)
    if (!found) throw new Error(`no menu item ${id}`)
    return found
  }
  click(id: string) {
    const item = this.item(id)
    ;(item.click as () => void)()
  }
}

export class FakeWebContents extends EventEmitter {
  sent: [string, unknown][] = []
  loading = false
  windowOpenHandler: ((d: { url: string }) => { action: string }) | null = null
  send(channel: string, payload: unknown) {
    this.sent.push([channel, payload])
  }
  isLoading() {
    return this.loading
  }
  setWindowOpenHandler(h: (d: { url: string }) => { action: string }) {
    this.windowOpenHandler = h
  }
}

export class FakeWindow extends EventEmitter {
  static instances: FakeWindow[] = []
  webContents = new FakeWebContents()
  visible = false
  focused = false
  destroyed = false
  loaded: string[] = []
  constructor(readonly options: Record<string, unknown>) {
    super()
    FakeWindow.instances.push(this)
  }
  loadURL(url: string) {
    this.loaded.push(url)
    return Promise.resolve()
  }
  show() {
    this.visible = true
  }
  hide() {
    this.visible = false
  }
  focus() {
    this.focused = true
    this.emit('focus')
  }
  isVisible() {
    return this.visible
  }
  isFocused() {
    return this.focused
  }
  isMinimized() {
    return false
  }
  restore() {}
  isDestroyed() {
    return this.destroyed
  }
}

export class FakeNotification extends EventEmitter {
  static shown: FakeNotification[] = []
  static supported = true
  static isSupported() {
    return FakeNotification.supported
  }
  constructor(readonly options: { title: string; body: string; silent?: boolean }) {
    super()
  }
  show() {
    FakeNotification.shown.push(this)
  }
}

export class FakeApp extends EventEmitter {
  paths: Record<string, string> = { appData: '/fake/appData', userData: '/fake/appData/Electron' }
  gotLock = true
  quitCalls = 0
  exitCode: number | null = null
  isPackaged = false
  login: { openAtLogin: boolean; wasOpenedAtLogin?: boolean } = { openAtLogin: false }
  private readyResolve!: () => void
  private readyPromise = new Promise<void>((r) => (this.readyResolve = r))
  requestSingleInstanceLock() {
    return this.gotLock
  }
  quit() {
    this.quitCalls++
    const event = {
      defaultPrevented: false,
      preventDefault() {
        this.defaultPrevented = true
      },
    }
    this.emit('before-quit', event)
    this.emit('will-quit', event)
  }
  exit(code: number) {
    this.exitCode = code
  }
  getPath(name: string) {
    return this.paths[name]
  }
  setPath(name: string, value: string) {
    this.paths[name] = value
  }
  getAppPath() {
    return '/fake/app'
  }
  getVersion() {
    return '0.0.0-test'
  }
  whenReady() {
    return this.readyPromise
  }
  makeReady() {
    this.readyResolve()
  }
  appUserModelId: string | null = null
  setAppUserModelId(id: string) {
    this.appUserModelId = id
  }
  loginArgs: string[] = []
  setLoginItemSettings(s: { openAtLogin: boolean; args?: string[] }) {
    this.login = { openAtLogin: s.openAtLogin }
    this.loginArgs = s.args ?? []
  }
  getLoginItemSettings() {
    return this.login
  }
}

export class FakeIpcMain {
  handlers = new Map<string, (event: unknown, arg: unknown) => Promise<unknown>>()
  handle(channel: string, fn: (event: unknown, arg: unknown) => Promise<unknown>) {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`)
    this.handlers.set(channel, fn)
  }
  removeHandler(channel: string) {
    this.handlers.delete(channel)
  }
  on() {}
  /** Calls a handler as a renderer frame at `url` would. */
  invoke(channel: string, url: string, arg: unknown, parent: unknown = null) {
    const fn = this.handlers.get(channel)
    if (!fn) throw new Error(`no handler for ${channel}`)
    return fn({ senderFrame: { url, parent } }, arg)
  }
}

export function fakeSession() {
  return {
    permissionRequest: null as null | ((wc: unknown, p: string, cb: (ok: boolean) => void) => void),
    permissionCheck: null as null | ((wc: unknown, p: string) => boolean),
    headersListener: null as null | ((d: unknown, cb: (r: unknown) => void) => void),
    protocolHandlers: new Map<string, (req: Request) => Promise<Response>>(),
    setPermissionRequestHandler(h: never) {
      this.permissionRequest = h
    },
    setPermissionCheckHandler(h: never) {
      this.permissionCheck = h
    },
    webRequest: {
      onHeadersReceived: vi.fn(),
    },
    protocol: {
      handle: vi.fn(),
    },
  }
}

/** A whole fake electron module, with `clipboard`, `shell`, etc. as spies. */
export function fakeElectron() {
  FakeTray.instances = []
  FakeWindow.instances = []
  FakeNotification.shown = []
  FakeNotification.supported = true
  const session = fakeSession()
  return {
    app: new FakeApp(),
    BrowserWindow: FakeWindow,
    Tray: FakeTray,
    Menu: { buildFromTemplate: (template: MenuItemConstructorOptions[]) => ({ template }) },
    nativeImage: { createFromPath: (p: string) => new FakeImage(p) },
    clipboard: { writeText: vi.fn() },
    shell: { openExternal: vi.fn(async () => {}) },
    ipcMain: new FakeIpcMain(),
    Notification: FakeNotification,
    session: { defaultSession: session },
    net: { fetch: vi.fn(async () => new Response('ok')) },
    safeStorage: fakeSafeStorage(true),
  }
}

/** Reversible, recognisable "encryption" for tests, with a switch for availability. */
export function fakeSafeStorage(available: boolean) {
  return {
    available,
    isEncryptionAvailable() {
      return this.available
    },
    encryptString(plain: string) {
      if (!this.available) throw new Error('encryption unavailable')
      return Buffer.from(`FAKE-ENC(${Buffer.from(plain).toString('hex')})`)
    },
    decryptString(buf: Buffer) {
      if (!this.available) throw new Error('encryption unavailable')
      const m = /^FAKE-ENC\(([0-9a-f]*)\)$/.exec(buf.toString())
      if (!m) throw new Error('not our ciphertext')
      return Buffer.from(m[1], 'hex').toString()
    },
  }
}
