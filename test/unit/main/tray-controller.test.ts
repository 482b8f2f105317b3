import { describe, expect, it, vi } from 'vitest'
import { readFileSync, existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { TrayController } from '../../../electron/main/tray-controller'
import { trayIconDir, trayIconFile } from '../../../electron/main/tray-icons'
import { TRAY_STATES } from '../../../electron/main/tray-model'
import type { TunnelStatus } from '../../../shared/api'
import { fakeElectron, FakeImage, FakeTray } from './fake-electron'

const TRAY_DIR = resolve(__dirname, '../../../resources/tray')

function pngSize(file: string): [number, number] {
  const buf = readFileSync(file)
  expect(buf.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  expect(buf.subarray(12, 16).toString('ascii')).toBe('IHDR')
  return [buf.readUInt32BE(16), buf.readUInt32BE(20)]
}

function controller(platform: NodeJS.Platform) {
  const e = fakeElectron()
  const loadImage = vi.fn((p: string) => new FakeImage(p))
  const openInspector = vi.fn()
  const c = new TrayController({
    electron: {
      createTray: (img) => new e.Tray(img as unknown as FakeImage) as never,
      buildMenu: (t) => e.Menu.buildFromTemplate(t) as never,
      loadImage: loadImage as never,
    },
    trayDir: TRAY_DIR,
    platform,
    actions: {
      copy: vi.fn(),
      openInspector,
      setPaused: vi.fn(),
      setNotifications: vi.fn(),
      setOpenAtLogin: vi.fn(),
      quit: vi.fn(),
    },
  })
  return { c, tray: FakeTray.instances[0], loadImage, openInspector }
}

const online = { state: 'online', url: 'https://a.loca.lt', reason: '', since: '' } as TunnelStatus
const offline = { state: 'offline', url: null, reason: 'lost', since: '' } as TunnelStatus

describe('tray icons on disk', () => {
  it('has a 16 px and a 32 px (@2x) PNG per state, coloured and macOS Template', () => {
    for (const state of TRAY_STATES) {
      for (const platform of ['linux', 'darwin'] as const) {
        const base = join(TRAY_DIR, trayIconFile(state, platform))
        expect(pngSize(base)).toEqual([16, 16])
        expect(pngSize(base.replace(/\.png$/, '@2x.png'))).toEqual([32, 32])
      }
    }
    expect(pngSize(resolve(TRAY_DIR, '../icon.png'))).toEqual([512, 512])
  })

  it('resolves the folder for packaged and checkout runs', () => {
    expect(
      trayIconDir({ isPackaged: true, resourcesPath: '/opt/H/resources', appPath: '/x' }),
    ).toBe(join('/opt/H/resources', 'tray'))
    expect(trayIconDir({ isPackaged: false, resourcesPath: '/y', appPath: '/src/hooklens' })).toBe(
      join('/src/hooklens', 'resources', 'tray'),
    )
  })
})

describe('TrayController', () => {
  it('shows the image of each state as the model changes (Linux: coloured)', () => {
    const { c, tray } = controller('linux')
    const shown = () => (tray.image as FakeImage).path
    expect(shown()).toBe(join(TRAY_DIR, 'tray-idle.png'))
    c.update({ tunnel: online })
    expect(shown()).toBe(join(TRAY_DIR, 'tray-online.png'))
    expect(c.state).toBe('online')
    c.update({ tunnel: offline })
    expect(shown()).toBe(join(TRAY_DIR, 'tray-offline.png'))
    c.update({ unseenSignatureFailures: 1 })
    expect(shown()).toBe(join(TRAY_DIR, 'tray-alert.png'))
    expect(tray.tooltip).toContain('1 signature failure')
    c.update({ unseenSignatureFailures: 0 })
    expect(shown()).toBe(join(TRAY_DIR, 'tray-offline.png'))
    for (const state of TRAY_STATES)
      expect(existsSync(join(TRAY_DIR, `tray-${state}.png`))).toBe(true)
  })

  it('uses Template images flagged as such on macOS', () => {
    const { c, tray } = controller('darwin')
    expect((tray.image as FakeImage).path).toBe(join(TRAY_DIR, 'tray-idleTemplate.png'))
    expect((tray.image as FakeImage).template).toBe(true)
    c.update({ tunnel: online })
    expect((tray.image as FakeImage).path).toBe(join(TRAY_DIR, 'tray-onlineTemplate.png'))
    expect((tray.image as FakeImage).template).toBe(true)
  })

  it('reloads the image only when the state changes, but always refreshes the menu', () => {
    const { c, tray, loadImage } = controller('linux')
    const before = loadImage.mock.calls.length
    const menu = tray.menu
    c.update({ paused: true })
    expect(loadImage.mock.calls.length).toBe(before)
    expect(tray.menu).not.toBe(menu)
    expect(tray.item('pause-capture').label).toBe('Resume capture')
  })

  it('opens the inspector on click outside macOS', () => {
    const linux = controller('linux')
    linux.tray.emit('click')
    expect(linux.openInspector).toHaveBeenCalledTimes(1)
    const mac = controller('darwin')
    mac.tray.emit('click')
    expect(mac.openInspector).not.toHaveBeenCalled()
  })
})
