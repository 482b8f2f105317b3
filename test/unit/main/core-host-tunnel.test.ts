/**
 * The desktop core opens the tunnel the way `listen` does, through the composition root: with
 * settings.tunnel.enabled it registers at the configured server (the localtunnel-protocol
 * fixture on 127.0.0.1), pushes each status, answers getTunnelStatus, and closes it on stop.
 */
import { afterEach, beforeEach, expect, it } from 'vitest'
import { writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ApiPush, TunnelStatus } from '../../../shared/api'
import {
  FakeLocaltunnelServer,
  resolveLocalhostSubdomains,
} from '../../helpers/fake-localtunnel-server'
import { makeTempDirSync, removeTempDirSync } from '../../helpers/temp-dir'

// See desktop-settings.test.ts: lets the real electron-store load without an Electron binary.
process.env.ELECTRON_OVERRIDE_DIST_PATH ??= join(tmpdir(), 'no-electron-binary')
const { default: ElectronStore } = await import('electron-store')
const { createDesktopSettings } = await import('../../../electron/main/desktop-settings')
const { createSecretVault } = await import('../../../electron/main/secret-vault')
const { createDesktopCore } = await import('../../../electron/main/core-host')
const { fakeSafeStorage } = await import('./fake-electron')

let dir: string
let lt: FakeLocaltunnelServer
let undoDns: () => void

beforeEach(async () => {
  undoDns = resolveLocalhostSubdomains()
  lt = await FakeLocaltunnelServer.start()
  dir = makeTempDirSync('hooklens-corehost-tunnel-')
  writeFileSync(
    join(dir, 'settings.json'),
    JSON.stringify({
      receiver: { port: 0, host: '127.0.0.1', maxBodyBytes: 1024 * 1024 },
      tunnel: { enabled: true, host: lt.url, subdomain: null },
    }),
  )
})
afterEach(async () => {
  await lt.close()
  undoDns()
  removeTempDirSync(dir)
})

it('opens the tunnel settings enable, pushes its status, and closes it on stop', async () => {
  const settings = createDesktopSettings({
    Store: ElectronStore as never,
    dataDir: dir,
    vault: createSecretVault(fakeSafeStorage(true)),
    watch: false,
  })
  const core = await createDesktopCore({ dataDir: dir, settings, log: () => undefined })
  const pushes: ApiPush[] = []
  core.api.subscribe((p) => pushes.push(p))
  await core.start()
  let online: TunnelStatus | undefined
  try {
    for (let i = 0; i < 500 && !online; i++) {
      online = pushes
        .map((p) => (p.type === 'tunnelStatus' ? p.payload : null))
        .find((s) => s?.state === 'online') as TunnelStatus | undefined
      if (!online) await new Promise((r) => setTimeout(r, 20))
    }
    expect(online?.url).toMatch(/^http:\/\/[a-z0-9]+\.localhost:\d+$/)
    expect(lt.registrations).toBe(1)
    expect(await core.api.getTunnelStatus({})).toMatchObject({ state: 'online', url: online!.url })
    expect((await core.api.getStatus({})).publicUrl).toBe(online!.url)
  } finally {
    await core.stop()
  }
  expect(pushes.at(-1)).toMatchObject({
    type: 'tunnelStatus',
    payload: { state: 'disabled', reason: 'hooklens stopped' },
  })
})
