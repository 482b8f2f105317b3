import { describe, expect, it, vi } from 'vitest'
import { pathToFileURL } from 'node:url'
import { join } from 'node:path'
import { API_METHODS, type ApiPush, type StatusInfo, type TunnelStatus } from '../../../shared/api'
import type { EventSummary } from '../../../shared/event'
import { startDesktopApp, type CoreHandle } from '../../../electron/main/desktop-app'
import { rendererLocation } from '../../../electron/main/renderer-location'
import type { DesktopSettings } from '../../../electron/main/desktop-settings'
import { fakeElectron, FakeNotification, FakeTray, FakeWindow } from './fake-electron'

const location = rendererLocation({ mainDir: '/app/out/main', isPackaged: true, env: {} })
const OWN = pathToFileURL(join('/app/out/renderer', 'index.html')).href

const tunnel = (state: TunnelStatus['state'], url: string | null): TunnelStatus => ({
  state,
  url,
  reason: state === 'online' ? '' : 'no route',
  since: '2026-01-01T00:00:00.000Z',
})

function fakeCore() {
  const listeners = new Set<(p: ApiPush) => void>()
  let paused = false
  const status = (): StatusInfo => ({
    receiverUrl: 'http://127.0.0.1:9000',
    receiverPort: 9000,
    publicUrl: null,
    tunnel: tunnel('connecting', null),
    eventCount: 0,
    dataDir: '/data',
    paused,
    version: '0.1.0',
  })
  const api: Record<string, unknown> = {}
  for (const m of API_METHODS) api[m] = vi.fn(async () => ({}))
  api.getStatus = vi.fn(async () => status())
  api.getSettings = vi.fn(async () => ({ verifiers: [] }))
  api.setCapturePaused = vi.fn(async ({ paused: p }: { paused: boolean }) => {
    paused = p
    return { paused }
  })
  api.subscribe = (fn: (p: ApiPush) => void) => {
    listeners.add(fn)
    return () => listeners.delete(fn)
  }
  const core = {
    api,
    start: vi.fn(async () => {}),
    stop: vi.fn(async () => {}),
  } as unknown as CoreHandle & { start: ReturnType<typeof vi.fn>; stop: ReturnType<typeof vi.fn> }
  return { core, push: (p: ApiPush) => listeners.forEach((l) => l(p)), listeners }
}

function fakeSettings(): DesktopSettings {
  let prefs = { notifications: true }
  return {
    prefs: () => prefs,
    setPrefs: (p) => (prefs = { ...prefs, ...p }),
    secretStatus: () => ({ encrypted: false, note: 'session only' }),
  } as DesktopSettings
}

let seq = 0
function captured(status: 'valid' | 'invalid' = 'valid'): EventSummary {
  seq++
  return {
    id: `E${seq}`,
    receivedAt: '2026-01-01T00:00:00.000Z',
    method: 'POST',
    path: '/hooks',
    query: '',
    headers: [],
    size: 0,
    sha256: '',
    remoteAddress: '127.0.0.1',
    via: 'tunnel',
    forwardedFor: null,
    verification: { scheme: 'stripe', status, reason: status === 'valid' ? 'ok' : 'wrong secret' },
    idempotency: { key: 'k', source: 'sha256', status: 'first', firstId: 'E', count: 1 },
    classification: { platform: 'a2a', eventType: 'task', subject: null },
    response: { status: 200, latencyMs: 1 },
  }
}

/** Timers the test fires by hand (push batches, notification windows). */
function manualTimers() {
  const pending = new Map<number, () => void>()
  let id = 0
  return {
    setTimeout: (fn: () => void) => {
      pending.set(++id, fn)
      return id
    },
    clearTimeout: (h: unknown) => pending.delete(h as number),
    now: () => 0,
    fireAll() {
      const fns = [...pending.values()]
      pending.clear()
      fns.forEach((f) => f())
    },
  }
}

async function start(opts: { hidden?: boolean; platform?: NodeJS.Platform } = {}) {
  const e = fakeElectron()
  const { core, push } = fakeCore()
  const timers = manualTimers()
  const app = await startDesktopApp({
    electron: e as never,
    core,
    settings: fakeSettings(),
    location,
    preloadPath: '/app/out/preload/index.cjs',
    trayDir: '/app/resources/tray',
    platform: opts.platform ?? 'linux',
    hidden: opts.hidden ?? true,
    isQuitting: () => false,
    notifier: { clock: timers, gatherMs: 10, minIntervalMs: 10, urgentMinIntervalMs: 10 },
    pushIntervalMs: 5,
  })
  return { e, core, push, app, tray: FakeTray.instances[0], timers }
}

describe('desktop app', () => {
  it('starts the core, serves its API over IPC and adds the secret-storage status', async () => {
    const { e, core } = await start()
    expect(core.start).toHaveBeenCalledTimes(1)
    expect(e.ipcMain.handlers.size).toBe(API_METHODS.length)
    const status = (await e.ipcMain.invoke('hooklens:getStatus', OWN, {})) as Record<
      string,
      unknown
    >
    expect(status.receiverPort).toBe(9000)
    expect(status.secretStorage).toEqual({ encrypted: false, note: 'session only' })
    await expect(
      e.ipcMain.invoke('hooklens:getStatus', 'https://evil.example/', {}),
    ).rejects.toThrow()
    // Only the status carries it: settings come back in updateSettings patches.
    const settings = (await e.ipcMain.invoke('hooklens:getSettings', OWN, {})) as object
    expect(settings).not.toHaveProperty('secretStorage')
    expect(e.session.defaultSession.protocol.handle).toHaveBeenCalledWith(
      'file',
      expect.any(Function),
    )
  })

  it('the tray follows tunnel pushes and copies the public URL to the clipboard', async () => {
    const { tray, push, e } = await start()
    expect(tray.item('copy-local-url').label).toBe('Copy local http://127.0.0.1:9000')
    push({ type: 'tunnelStatus', payload: tunnel('online', 'https://quiet-fox.loca.lt') })
    expect((tray.image as unknown as { path: string }).path).toContain('tray-online.png')
    tray.click('copy-public-url')
    expect(e.clipboard.writeText).toHaveBeenCalledWith('https://quiet-fox.loca.lt')
    push({ type: 'tunnelStatus', payload: tunnel('offline', null) })
    expect((tray.image as unknown as { path: string }).path).toContain('tray-offline.png')
  })

  it('pause, notifications and quit from the tray menu reach the core, settings and app', async () => {
    const { tray, core, e } = await start()
    tray.click('pause-capture')
    await vi.waitFor(() => expect(tray.item('pause-capture').label).toBe('Resume capture'))
    expect(core.api.setCapturePaused).toHaveBeenCalledWith({ paused: true })
    tray.click('notifications')
    expect(tray.item('notifications').checked).toBe(false)
    // Start at login is a macOS/Windows feature; on Linux it is greyed out and does nothing.
    expect(tray.item('open-at-login').enabled).toBe(false)
    tray.click('open-at-login')
    expect(e.app.login.openAtLogin).toBe(false)
    tray.click('quit')
    expect(e.app.quitCalls).toBe(1)
  })

  it('start at login on macOS registers a hidden login item', async () => {
    const { tray, e } = await start({ platform: 'darwin' })
    expect(tray.item('open-at-login')).toMatchObject({ enabled: true, checked: false })
    tray.click('open-at-login')
    expect(e.app.login.openAtLogin).toBe(true)
    expect(e.app.loginArgs).toEqual(['--hidden'])
    expect(tray.item('open-at-login').checked).toBe(true)
  })

  it('an unseen signature failure turns the tray to alert until the window is shown', async () => {
    const { tray, push, app } = await start()
    push({ type: 'eventCaptured', payload: captured('invalid') })
    push({ type: 'eventCaptured', payload: captured('valid') })
    expect(app.tray.current.unseenSignatureFailures).toBe(1)
    expect((tray.image as unknown as { path: string }).path).toContain('tray-alert.png')
    app.showWindow()
    expect(app.tray.current.unseenSignatureFailures).toBe(0)
    expect((tray.image as unknown as { path: string }).path).toContain('tray-idle.png')
  })

  it('batches pushes to the window and a notification click opens that event', async () => {
    const { push, app, timers } = await start()
    const win = app.showWindow() as unknown as FakeWindow
    win.focused = false
    win.visible = false
    win.webContents.sent = []
    const events = [captured(), captured(), captured()]
    for (const ev of events) push({ type: 'eventCaptured', payload: ev })
    expect(win.webContents.sent).toHaveLength(0)
    timers.fireAll()
    // The push batcher runs on real (5 ms) timers here.
    await vi.waitFor(() => expect(win.webContents.sent.length).toBeGreaterThan(0), {
      timeout: 2000,
    })
    const [channel, batch] = win.webContents.sent[0]
    expect(channel).toBe('hooklens:push')
    expect((batch as ApiPush[]).map((p) => p.type)).toEqual([
      'eventCaptured',
      'eventCaptured',
      'eventCaptured',
    ])
    expect(FakeNotification.shown).toHaveLength(1)
    expect(FakeNotification.shown[0].options.title).toBe('3 new events from a2a')
    FakeNotification.shown[0].emit('click')
    expect(win.visible).toBe(true)
    expect(win.webContents.sent.at(-1)).toEqual([
      'hooklens:push',
      [{ type: 'openEvent', payload: { id: events[2].id } }],
    ])
  })

  it('pushed statuses carry the secret-storage status too', async () => {
    const { push, app, core } = await start()
    const win = app.showWindow() as unknown as FakeWindow
    win.webContents.sent = []
    const status = await core.api.getStatus({})
    push({ type: 'statusChanged', payload: status })
    await vi.waitFor(() => expect(win.webContents.sent.length).toBe(1), { timeout: 2000 })
    const [, batch] = win.webContents.sent[0]
    expect((batch as ApiPush[])[0].payload).toMatchObject({
      receiverPort: 9000,
      secretStorage: { encrypted: false, note: 'session only' },
    })
  })

  it('opening an event in a window that is still loading waits for the page', async () => {
    const { app } = await start()
    const win = app.showWindow() as unknown as FakeWindow
    win.webContents.loading = true
    win.webContents.sent = []
    app.openEvent('E42')
    expect(win.webContents.sent).toHaveLength(0)
    win.webContents.emit('did-finish-load')
    expect(win.webContents.sent).toEqual([
      ['hooklens:push', [{ type: 'openEvent', payload: { id: 'E42' } }]],
    ])
  })

  it('shows the window at start unless launched hidden, and stops everything on stop()', async () => {
    const visible = await start({ hidden: false })
    expect(FakeWindow.instances).toHaveLength(1)
    // It shows itself once its page is ready (no blank flash).
    expect(FakeWindow.instances[0].visible).toBe(false)
    FakeWindow.instances[0].emit('ready-to-show')
    expect(FakeWindow.instances[0].visible).toBe(true)
    await visible.app.stop()
    expect(visible.core.stop).toHaveBeenCalledTimes(1)
    expect(visible.e.ipcMain.handlers.size).toBe(0)
    expect(visible.tray.destroyed).toBe(true)
    const hidden = await start({ hidden: true })
    expect(FakeWindow.instances).toHaveLength(0)
    expect(hidden.app.window()).toBeNull()
  })
})
