/**
 * The desktop core host against the real core: a real receiver on 127.0.0.1, the real event
 * log in a temp dir, the real electron-store with a fake safeStorage.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { createHmac, randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { API_METHODS, type ApiPush, type StatusInfo } from '../../../shared/api'
import { makeTempDirSync, removeTempDirSync } from '../../helpers/temp-dir'

// See desktop-settings.test.ts: lets the real electron-store load without an Electron binary.
process.env.ELECTRON_OVERRIDE_DIST_PATH ??= join(tmpdir(), 'no-electron-binary')
const { default: ElectronStore } = await import('electron-store')
const { createDesktopSettings } = await import('../../../electron/main/desktop-settings')
const { createSecretVault } = await import('../../../electron/main/secret-vault')
const { createDesktopCore } = await import('../../../electron/main/core-host')
const { fakeSafeStorage } = await import('./fake-electron')
const { readRuntimeInfo } = await import('../../../electron/core/share/runtime-info')

let dir: string
beforeEach(() => {
  dir = makeTempDirSync('hooklens-corehost-')
  // Port 0 and no tunnel: nothing here may leave the loopback interface.
  writeFileSync(
    join(dir, 'settings.json'),
    JSON.stringify({
      receiver: { port: 0, host: '127.0.0.1', maxBodyBytes: 1024 * 1024 },
      tunnel: { enabled: false, host: null, subdomain: null },
    }),
  )
})
afterEach(() => removeTempDirSync(dir))

async function startCore() {
  const settings = createDesktopSettings({
    Store: ElectronStore as never,
    dataDir: dir,
    vault: createSecretVault(fakeSafeStorage(true)),
    watch: false,
  })
  const lines: string[] = []
  const core = await createDesktopCore({ dataDir: dir, settings, log: (l) => lines.push(l) })
  const pushes: ApiPush[] = []
  core.api.subscribe((p) => pushes.push(p))
  await core.start()
  return { core, pushes, lines }
}

describe('desktop core host', () => {
  it('runs the real core: receives on 127.0.0.1, pushes the event, answers the API', async () => {
    const { core, pushes } = await startCore()
    try {
      const status = (await core.api.getStatus({})) as StatusInfo
      expect(status.receiverUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      expect(status.dataDir).toBe(dir)
      const res = await fetch(`${status.receiverUrl}/hooks/desktop`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"from":"desktop test"}',
      })
      expect(res.status).toBe(200)
      const captured = pushes.find((p) => p.type === 'eventCaptured')
      expect(captured).toBeDefined()
      const list = await core.api.listEvents({})
      expect(list.map((e) => e.path)).toEqual(['/hooks/desktop'])
      expect((await core.api.getTunnelStatus({})).state).toBe('disabled')
      await expect(core.api.setCapturePaused({ paused: true })).resolves.toEqual({ paused: true })
    } finally {
      await core.stop()
    }
  })

  it('wires every API method (none answers "not available in this Hooklens process")', async () => {
    const { core } = await startCore()
    try {
      const status = (await core.api.getStatus({})) as StatusInfo
      for (const body of ['{"n":1}', '{"n":2}']) {
        await fetch(`${status.receiverUrl}/hooks/a`, { method: 'POST', body })
      }
      const [a, b] = (await core.api.listEvents({})).map((e) => e.id)
      const diff = await core.api.diffEvents({ a, b })
      expect(diff).toBeTruthy()
      const exported = await core.api.exportEvents({ format: 'json' })
      expect(exported.content).toContain('/hooks/a')
      // (clearEvents runs in this loop too: the checks above come first.)
      const args: Record<string, unknown> = {
        getEvent: { id: a },
        getDecodedBody: { id: a },
        exportEvents: { format: 'json' },
        diffEvents: { a, b },
        changesSincePrevious: { id: b },
        updateSettings: { patch: {} },
        addVerifier: { scheme: 'github', secrets: ['s3cr3t-value-123'] },
        removeVerifier: { id: 'none' },
        replayEvent: { id: a, to: `${status.receiverUrl}/replayed` },
        redrive: { id: 'none' },
        startTunnel: { host: 'http://127.0.0.1:1' },
      }
      const unavailable: string[] = []
      for (const m of API_METHODS) {
        const call = core.api[m] as (arg: unknown) => Promise<unknown>
        await call(args[m] ?? {}).catch((err: Error) => {
          if (/not available/.test(err.message)) unavailable.push(m)
        })
      }
      expect(unavailable).toEqual([])
    } finally {
      await core.stop()
    }
  })
  it('a secret added through the API is sealed in settings.json', async () => {
    const { core } = await startCore()
    try {
      await core.api.addVerifier({ scheme: 'stripe', secrets: ['whsec_desktop_secret_1234'] })
    } finally {
      await core.stop()
    }
    const text = readFileSync(join(dir, 'settings.json'), 'utf8')
    expect(text).toContain('hl-enc:v1:')
    expect(text).not.toContain('whsec_desktop_secret_1234')
  })

  it('verifies with a sealed secret, in this session and the next', async () => {
    const secret = 'gh-desktop-secret-0123456789'
    const body = '{"action":"opened","number":7}'
    const signature = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`
    const send = async (core: Awaited<ReturnType<typeof startCore>>['core']) => {
      const { receiverUrl } = (await core.api.getStatus({})) as StatusInfo
      await fetch(`${receiverUrl}/hooks/github`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-github-event': 'pull_request',
          'x-github-delivery': randomUUID(),
          'x-hub-signature-256': signature,
        },
        body,
      })
      const [latest] = (await core.api.listEvents({})).slice(-1)
      return latest.verification
    }
    const first = await startCore()
    try {
      await first.core.api.addVerifier({ scheme: 'github', secrets: [secret] })
      expect(await send(first.core)).toMatchObject({ scheme: 'github', status: 'valid' })
    } finally {
      await first.core.stop()
    }
    expect(readFileSync(join(dir, 'settings.json'), 'utf8')).not.toContain(secret)
    const second = await startCore()
    try {
      expect(await send(second.core)).toMatchObject({ scheme: 'github', status: 'valid' })
    } finally {
      await second.core.stop()
    }
  })

  it('serves the API (no inspector) on loopback for `hooklens mcp`, announced in runtime.json', async () => {
    const { core } = await startCore()
    let control: { url: string; token: string } | undefined
    try {
      // writeRuntime is not awaited by setControl: give it a moment.
      for (let i = 0; i < 50 && !control; i++) {
        control = readRuntimeInfo(dir)?.control ?? undefined
        if (!control) await new Promise((r) => setTimeout(r, 20))
      }
      expect(control?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      const call = (token: string) =>
        fetch(`${control!.url}/api/getStatus`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: '{}',
        })
      const ok = await call(control!.token)
      expect(ok.status).toBe(200)
      expect(((await ok.json()) as { result: StatusInfo }).result.dataDir).toBe(dir)
      expect((await call('wrong-token')).status).toBe(401)
      const page = await fetch(`${control!.url}/`, {
        headers: { authorization: `Bearer ${control!.token}` },
      })
      expect(page.status).toBe(404)
    } finally {
      await core.stop()
    }
    await expect(fetch(`${control!.url}/api/getStatus`, { method: 'POST' })).rejects.toThrow()
  })
})
