import { afterAll, describe, expect, it, vi } from 'vitest'
import { mkdirSync, writeFileSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import {
  createInspectorWindow,
  guardWebContents,
  inspectorWindowOptions,
} from '../../../electron/main/inspector-window'
import { CSP, devCsp, hardenSession } from '../../../electron/main/content-security'
import { rendererLocation } from '../../../electron/main/renderer-location'
import { FakeWebContents, FakeWindow, fakeSession } from './fake-electron'
import { makeTempDirSync, removeTempDirSync } from '../../helpers/temp-dir'

const root = makeTempDirSync('hooklens-win-')
afterAll(() => removeTempDirSync(root))
mkdirSync(join(root, 'out', 'renderer', 'assets'), { recursive: true })
writeFileSync(join(root, 'out', 'renderer', 'index.html'), '<!doctype html><p>inspector</p>')
writeFileSync(join(root, 'out', 'renderer', 'assets', 'app.js'), 'console.log(1)')
writeFileSync(join(root, 'secret.txt'), 'do not read')
const location = rendererLocation({ mainDir: join(root, 'out', 'main'), isPackaged: true, env: {} })

/** Reads file:// URLs from disk, as Electron's net.fetch would. */
const fileFetch = vi.fn(async (url: string) => {
  const body = readFileSync(new URL(url))
  return new Response(body, { status: 200, headers: { 'content-type': 'text/html' } })
})

describe('BrowserWindow options', () => {
  it('sets every security switch of the issue explicitly', () => {
    const o = inspectorWindowOptions('/app/out/preload/index.cjs')
    expect(o.show).toBe(false)
    expect(o.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
    })
  })
})

describe('webContents guards', () => {
  const setup = () => {
    const wc = new FakeWebContents()
    const openExternal = vi.fn()
    guardWebContents(wc as never, openExternal)
    return { wc, openExternal }
  }

  it('blocks every navigation and webview attach', () => {
    const { wc } = setup()
    for (const name of ['will-navigate', 'will-attach-webview']) {
      const event = { preventDefault: vi.fn() }
      wc.emit(name, event, 'https://evil.example/')
      expect(event.preventDefault, name).toHaveBeenCalled()
    }
  })

  it('sends only http(s) links to the system browser and never opens a window', () => {
    const { wc, openExternal } = setup()
    const open = wc.windowOpenHandler!
    expect(open({ url: 'https://stripe.com/docs/webhooks' })).toEqual({ action: 'deny' })
    expect(open({ url: 'http://localhost:3000/' })).toEqual({ action: 'deny' })
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
      'hooklens://x',
      'nonsense',
    ]) {
      expect(open({ url })).toEqual({ action: 'deny' })
    }
    expect(openExternal.mock.calls.map((c) => c[0])).toEqual([
      'https://stripe.com/docs/webhooks',
      'http://localhost:3000/',
    ])
  })
})

describe('session hardening', () => {
  const setup = (loc = location) => {
    const session = fakeSession()
    hardenSession({ session: session as never, location: loc, fetch: fileFetch as never })
    return session
  }

  it('denies every permission except writing the clipboard', () => {
    const s = setup()
    const answers: Record<string, boolean> = {}
    for (const p of [
      'media',
      'geolocation',
      'notifications',
      'openExternal',
      'clipboard-read',
      'clipboard-sanitized-write',
    ]) {
      s.permissionRequest!(null, p, (ok) => (answers[p] = ok))
    }
    expect(answers).toEqual({
      media: false,
      geolocation: false,
      notifications: false,
      openExternal: false,
      'clipboard-read': false,
      'clipboard-sanitized-write': true,
    })
    expect(s.permissionCheck!(null, 'media')).toBe(false)
    expect(s.permissionCheck!(null, 'clipboard-sanitized-write')).toBe(true)
  })

  it('adds the strict CSP to http responses (dev server)', () => {
    const s = setup()
    const listener = s.webRequest.onHeadersReceived.mock.calls[0][0]
    const cb = vi.fn()
    listener({ responseHeaders: { 'content-type': ['text/html'] } }, cb)
    expect(cb).toHaveBeenCalledWith({
      responseHeaders: { 'content-type': ['text/html'], 'Content-Security-Policy': [CSP] },
    })
  })

  it('the CSP allows only our own scripts: no inline, no eval, no frames, no plugins', () => {
    const d = Object.fromEntries(
      CSP.split('; ').map((x) => [x.split(' ')[0], x.split(' ').slice(1).join(' ')]),
    )
    expect(d['default-src']).toBe("'none'")
    expect(d['script-src']).toBe("'self'")
    expect(d['object-src']).toBe("'none'")
    expect(d['frame-ancestors']).toBe("'none'")
    expect(d['base-uri']).toBe("'none'")
    expect(CSP).not.toContain('unsafe-eval')
    expect(CSP).not.toContain("'unsafe-inline'")
    // The dev server's CSP loosens only what Vite's HMR needs.
    const dev = devCsp('http://localhost:5173')
    expect(dev).toContain("script-src 'self' 'unsafe-inline'")
    expect(dev).toContain("connect-src 'self' ws://localhost:5173")
    expect(dev).not.toContain('unsafe-eval')
  })

  it('serves file:// only from the built renderer, each response with the CSP', async () => {
    const s = setup()
    const [scheme, handler] = s.protocol.handle.mock.calls[0]
    expect(scheme).toBe('file')
    const ok = await handler(
      new Request(pathToFileURL(join(root, 'out', 'renderer', 'index.html')).href),
    )
    expect(ok.status).toBe(200)
    expect(ok.headers.get('content-security-policy')).toBe(CSP)
    expect(await ok.text()).toContain('inspector')
    const asset = await handler(
      new Request(pathToFileURL(join(root, 'out', 'renderer', 'assets', 'app.js')).href),
    )
    expect(asset.status).toBe(200)
    fileFetch.mockClear()
    for (const path of [
      join(root, 'secret.txt'),
      join(root, 'out', 'renderer', '..', 'main', 'x.js'),
      '/etc/passwd',
    ]) {
      const res = await handler(new Request(pathToFileURL(path).href))
      expect(res.status, path).toBe(404)
    }
    expect(fileFetch).not.toHaveBeenCalled()
  })
})

describe('inspector window', () => {
  it('loads our page, hides on close, and really closes when quitting', () => {
    FakeWindow.instances = []
    let quitting = false
    const openExternal = vi.fn()
    const win = createInspectorWindow({
      createWindow: (o) => new FakeWindow(o as Record<string, unknown>) as never,
      preloadPath: '/p/index.cjs',
      location,
      openExternal,
      isQuitting: () => quitting,
    }) as unknown as FakeWindow
    expect(win.loaded).toEqual([location.fileUrl])
    expect((win.options.webPreferences as Record<string, unknown>).sandbox).toBe(true)
    win.emit('ready-to-show')
    expect(win.visible).toBe(true)
    const close = { preventDefault: vi.fn() }
    win.emit('close', close)
    expect(close.preventDefault).toHaveBeenCalled()
    expect(win.visible).toBe(false)
    quitting = true
    const closeForReal = { preventDefault: vi.fn() }
    win.emit('close', closeForReal)
    expect(closeForReal.preventDefault).not.toHaveBeenCalled()
    // The window's own webContents is guarded too.
    const nav = { preventDefault: vi.fn() }
    win.webContents.emit('will-navigate', nav, 'https://evil.example')
    expect(nav.preventDefault).toHaveBeenCalled()
  })
})
