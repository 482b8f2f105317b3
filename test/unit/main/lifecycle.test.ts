import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { API_METHODS, type ApiPush } from '../../../shared/api'
import { FakeWebContents, FakeWindow, fakeElectron } from './fake-electron'
import { makeTempDirSync, removeTempDirSync } from '../../helpers/temp-dir'

// See desktop-settings.test.ts: lets the real electron-store load without an Electron binary.
process.env.ELECTRON_OVERRIDE_DIST_PATH ??= join(tmpdir(), 'no-electron-binary')
const { default: ElectronStore } = await import('electron-store')
const { runLifecycle, desktopDataDir } = await import('../../../electron/main/lifecycle')

let dir: string
beforeEach(() => {
  dir = makeTempDirSync('hooklens-life-')
})
afterEach(() => removeTempDirSync(dir))

function fakeCore() {
  const api: Record<string, unknown> = {}
  for (const m of API_METHODS) api[m] = vi.fn(async () => ({}))
  api.getStatus = vi.fn(async () => ({
    receiverUrl: 'http://127.0.0.1:1',
    tunnel: { state: 'disabled', url: null, reason: '', since: '' },
    paused: false,
  }))
  api.subscribe = (_fn: (p: ApiPush) => void) => () => {}
  return { api, start: vi.fn(async () => {}), stop: vi.fn(async () => {}) }
}

function run(
  opts: {
    lock?: boolean
    argv?: string[]
    createCore?: () => unknown
    platform?: NodeJS.Platform
  } = {},
) {
  const e = fakeElectron()
  e.app.gotLock = opts.lock ?? true
  const core = fakeCore()
  const createCore = vi.fn((_opts: unknown) => (opts.createCore ?? (() => core))())
  const log = vi.fn()
  const life = runLifecycle({
    electron: e as never,
    Store: ElectronStore as never,
    createCore: createCore as never,
    mainDir: '/app/out/main',
    env: { HOOKLENS_DATA_DIR: dir },
    argv: opts.argv ?? [],
    platform: opts.platform ?? 'linux',
    resourcesPath: '/app/resources',
    log,
  })
  return { e, core, createCore, life, log }
}

describe('lifecycle', () => {
  it('a second instance quits at once and starts nothing', async () => {
    const { e, createCore, life } = run({ lock: false })
    expect(e.app.quitCalls).toBe(1)
    expect(await life.ready).toBeNull()
    e.app.makeReady()
    expect(createCore).not.toHaveBeenCalled()
    expect(e.app.paths.userData).toBe('/fake/appData/Electron')
  })

  it('uses the shared data dir as userData, then starts the core with it once ready', async () => {
    const { e, createCore, core, life } = run({ argv: ['--hidden'] })
    expect(e.app.paths.userData).toBe(dir)
    expect(createCore).not.toHaveBeenCalled()
    e.app.makeReady()
    const desktop = await life.ready
    expect(desktop).not.toBeNull()
    expect(createCore).toHaveBeenCalledWith(expect.objectContaining({ dataDir: dir }))
    const settings = (createCore.mock.calls as unknown[][])[0][0] as { settings: { path: string } }
    expect(settings.settings.path).toBe(join(dir, 'settings.json'))
    expect(core.start).toHaveBeenCalled()
    // --hidden (start at login) keeps the window closed; a second launch shows it.
    expect(FakeWindow.instances).toHaveLength(0)
    e.app.emit('second-instance')
    expect(FakeWindow.instances).toHaveLength(1)
    const prefs = FakeWindow.instances[0].options.webPreferences as Record<string, unknown>
    expect(prefs.preload).toBe(join('/app/out/main', '..', 'preload', 'index.cjs'))
  })

  it('on macOS a launch at login starts hidden in the tray', async () => {
    const { e, life } = run({ platform: 'darwin' })
    e.app.login = { openAtLogin: true, wasOpenedAtLogin: true }
    e.app.makeReady()
    await life.ready
    expect(FakeWindow.instances).toHaveLength(0)
    // Opened by the user instead: the window comes up.
    const user = run({ platform: 'darwin' })
    user.e.app.makeReady()
    await user.life.ready
    expect(FakeWindow.instances).toHaveLength(1)
  })

  it('stays alive when the last window closes and guards every new webContents', async () => {
    const { e } = run()
    expect(e.app.listenerCount('window-all-closed')).toBe(1)
    const wc = new FakeWebContents()
    e.app.emit('web-contents-created', {}, wc)
    const nav = { preventDefault: vi.fn() }
    wc.emit('will-navigate', nav, 'https://evil.example')
    expect(nav.preventDefault).toHaveBeenCalled()
    expect(wc.windowOpenHandler!({ url: 'https://x.example' })).toEqual({ action: 'deny' })
    expect(e.shell.openExternal).toHaveBeenCalledWith('https://x.example')
  })

  it('holds the quit until the core has stopped', async () => {
    const { e, core, life } = run({ argv: ['--hidden'] })
    e.app.makeReady()
    await life.ready
    e.app.quit()
    expect(core.stop).toHaveBeenCalledTimes(1)
    await vi.waitFor(() => expect(e.app.quitCalls).toBe(2))
    expect(core.stop).toHaveBeenCalledTimes(1)
  })

  it('exits with status 1 when the core cannot start', async () => {
    const { e, life, log } = run({
      createCore: () => {
        throw new Error('port 9000 in use')
      },
    })
    e.app.makeReady()
    await expect(life.ready).rejects.toThrow('port 9000 in use')
    await vi.waitFor(() => expect(e.app.exitCode).toBe(1))
    expect(log.mock.calls[0][0]).toContain('port 9000 in use')
  })

  it('gives Windows the AppUserModelID notifications need, matching electron-builder appId', () => {
    expect(run({ platform: 'win32' }).e.app.appUserModelId).toBe('dev.hooklens.app')
    expect(run({ platform: 'linux' }).e.app.appUserModelId).toBeNull()
    expect(
      readFileSync(join(import.meta.dirname, '../../../electron-builder.yml'), 'utf8'),
    ).toMatch(/^appId: dev\.hooklens\.app$/m)
  })

  it('resolves the data dir like the CLI: HOOKLENS_DATA_DIR, else <appData>/hooklens', () => {
    expect(desktopDataDir('/home/u/.config', {})).toBe(join('/home/u/.config', 'hooklens'))
    expect(desktopDataDir('/home/u/.config', { HOOKLENS_DATA_DIR: '/tmp/h' })).toBe('/tmp/h')
  })
})
