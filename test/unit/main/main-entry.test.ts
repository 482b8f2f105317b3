/**
 * The real main entry (electron/main/index.ts) booted against a mocked `electron` module: the
 * real core in-process on 127.0.0.1, real settings in a temp dir, IPC answered, a captured
 * webhook pushed to the window and the tray, and a clean stop on quit.
 */
import { afterAll, describe, expect, it, vi } from 'vitest'
import { writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { API_METHODS, type ApiPush, type StatusInfo } from '../../../shared/api'
import type { fakeElectron as FakeElectronFn } from './fake-electron'
import { makeTempDirSync, removeTempDirSync } from '../../helpers/temp-dir'

vi.mock('electron', async () => {
  const { fakeElectron } = await import('./fake-electron')
  const e = fakeElectron()
  return { ...e, default: e }
})

const dir = makeTempDirSync('hooklens-main-')
afterAll(() => removeTempDirSync(dir))
writeFileSync(
  join(dir, 'settings.json'),
  JSON.stringify({
    receiver: { port: 0, host: '127.0.0.1', maxBodyBytes: 1024 * 1024 },
    tunnel: { enabled: false, host: null, subdomain: null },
  }),
)
process.env.HOOKLENS_DATA_DIR = dir
// See desktop-settings.test.ts: electron-store's own `import 'electron'` is not mocked.
process.env.ELECTRON_OVERRIDE_DIST_PATH ??= join(tmpdir(), 'no-electron-binary')

describe('main entry with a mocked electron', () => {
  it('boots the app, serves IPC, pushes captured events and stops on quit', async () => {
    const e = (await import('electron')) as unknown as ReturnType<typeof FakeElectronFn>
    const { FakeWindow, FakeTray } = await import('./fake-electron')
    await import('../../../electron/main/index')
    expect(e.app.paths.userData).toBe(dir)
    e.app.makeReady()
    await vi.waitFor(() => expect(FakeWindow.instances).toHaveLength(1), { timeout: 15_000 })
    expect(e.ipcMain.handlers.size).toBe(API_METHODS.length)

    const win = FakeWindow.instances[0]
    const ownUrl = win.loaded[0]
    expect(ownUrl).toMatch(/^file:.*\/renderer\/index\.html$/)
    expect((win.options.webPreferences as { preload: string }).preload).toMatch(
      /preload[/\\]index\.cjs$/,
    )

    const status = (await e.ipcMain.invoke('hooklens:getStatus', ownUrl, {})) as StatusInfo & {
      secretStorage: { encrypted: boolean }
    }
    expect(status.receiverUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(status.secretStorage.encrypted).toBe(true)
    await expect(
      e.ipcMain.invoke('hooklens:getStatus', 'https://evil.example/', {}),
    ).rejects.toThrow()

    const res = await fetch(`${status.receiverUrl}/hooks/from-agent`, {
      method: 'POST',
      body: '{}',
    })
    expect(res.status).toBe(200)
    await vi.waitFor(
      () => {
        const pushes = win.webContents.sent.flatMap(([, batch]) => batch as ApiPush[])
        expect(pushes.some((p) => p.type === 'eventCaptured')).toBe(true)
      },
      { timeout: 5000 },
    )
    expect(FakeTray.instances[0].item('copy-local-url').label).toBe(
      `Copy local ${status.receiverUrl}`,
    )

    e.app.quit()
    await vi.waitFor(() => expect(e.app.quitCalls).toBe(2), { timeout: 5000 })
    await expect(fetch(`${status.receiverUrl}/after-quit`, { method: 'POST' })).rejects.toThrow()
  })
})
