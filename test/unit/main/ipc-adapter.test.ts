import { describe, expect, it, vi } from 'vitest'
import { pathToFileURL } from 'node:url'
import { join } from 'node:path'
import { API_METHODS } from '../../../shared/api'
import {
  registerIpcHandlers,
  ForeignSenderError,
  type ApiImplementation,
} from '../../../electron/main/ipc-adapter'
import { isOwnRendererUrl, rendererLocation } from '../../../electron/main/renderer-location'
import { FakeIpcMain } from './fake-electron'

const location = rendererLocation({ mainDir: '/app/out/main', isPackaged: false, env: {} })
const OWN = pathToFileURL(join('/app/out/renderer', 'index.html')).href

function fakeApi() {
  const api: Record<string, ReturnType<typeof vi.fn>> = {}
  for (const m of API_METHODS) api[m] = vi.fn(async (arg: unknown) => ({ method: m, arg }))
  return api as unknown as ApiImplementation & Record<string, ReturnType<typeof vi.fn>>
}

function setup(onRejected = vi.fn()) {
  const ipcMain = new FakeIpcMain()
  const api = fakeApi()
  const dispose = registerIpcHandlers({
    ipcMain: ipcMain as never,
    api,
    isOwnRenderer: (url) => isOwnRendererUrl(url, location),
    onRejected,
  })
  return { ipcMain, api, dispose, onRejected }
}

describe('IPC adapter', () => {
  it('registers exactly one hooklens:<method> handler per contract method', () => {
    const { ipcMain } = setup()
    expect([...ipcMain.handlers.keys()].sort()).toEqual(
      API_METHODS.map((m) => `hooklens:${m}`).sort(),
    )
  })

  it('forwards a call from our renderer to the core with its argument', async () => {
    const { ipcMain, api } = setup()
    await expect(ipcMain.invoke('hooklens:getEvent', OWN, { id: 'E1' })).resolves.toEqual({
      method: 'getEvent',
      arg: { id: 'E1' },
    })
    expect(api.getEvent).toHaveBeenCalledWith({ id: 'E1' })
    // A hash route of the same page is still our page; a missing argument becomes {}.
    await ipcMain.invoke('hooklens:getStatus', `${OWN}#/events/E1`, undefined)
    expect(api.getStatus).toHaveBeenCalledWith({})
  })

  it('rejects a foreign sender frame before touching the core', async () => {
    const { ipcMain, api, onRejected } = setup()
    for (const url of [
      'https://evil.example/',
      'file:///etc/passwd',
      pathToFileURL('/app/out/renderer/other.html').href,
      'http://localhost:5173/',
      '',
    ]) {
      await expect(ipcMain.invoke('hooklens:clearEvents', url, {})).rejects.toBeInstanceOf(
        ForeignSenderError,
      )
    }
    expect(api.clearEvents).not.toHaveBeenCalled()
    expect(onRejected).toHaveBeenCalledWith('clearEvents', 'https://evil.example/')
  })

  it('rejects our own URL when it comes from a sub-frame', async () => {
    const { ipcMain, api } = setup()
    await expect(ipcMain.invoke('hooklens:clearEvents', OWN, {}, { url: OWN })).rejects.toThrow(
      /refused/,
    )
    expect(api.clearEvents).not.toHaveBeenCalled()
  })

  it('rejects an argument that is not one object', async () => {
    const { ipcMain, api } = setup()
    await expect(ipcMain.invoke('hooklens:getEvent', OWN, 'E1')).rejects.toThrow(
      /one object argument/,
    )
    await expect(ipcMain.invoke('hooklens:getEvent', OWN, ['E1'])).rejects.toThrow(
      /one object argument/,
    )
    expect(api.getEvent).not.toHaveBeenCalled()
  })

  it('removes every handler on dispose', () => {
    const { ipcMain, dispose } = setup()
    dispose()
    expect(ipcMain.handlers.size).toBe(0)
  })
})

describe('renderer URL check', () => {
  it('accepts the dev server origin only when not packaged', () => {
    const dev = rendererLocation({
      mainDir: '/app/out/main',
      isPackaged: false,
      env: { ELECTRON_RENDERER_URL: 'http://localhost:5173' },
    })
    expect(isOwnRendererUrl('http://localhost:5173/#/x', dev)).toBe(true)
    expect(isOwnRendererUrl('http://localhost:5174/', dev)).toBe(false)
    expect(isOwnRendererUrl(OWN, dev)).toBe(true)
    const packaged = rendererLocation({
      mainDir: '/app/out/main',
      isPackaged: true,
      env: { ELECTRON_RENDERER_URL: 'http://localhost:5173' },
    })
    expect(packaged.devServerUrl).toBeNull()
    expect(isOwnRendererUrl('http://localhost:5173/', packaged)).toBe(false)
    expect(isOwnRendererUrl('not a url', packaged)).toBe(false)
  })
})
