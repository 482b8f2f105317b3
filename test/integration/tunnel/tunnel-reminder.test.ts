import { afterEach, describe, expect, it } from 'vitest'
import { TunnelManager } from '../../../electron/core/tunnel/tunnel-manager'
import {
  FakeLocaltunnelServer,
  resolveLocalhostSubdomains,
} from '../../helpers/fake-localtunnel-server'
import { startRecorder, type LocalRecorder } from './local-recorder'
import { waitForStatus, waitUntil } from './wait'

let lt: FakeLocaltunnelServer
let rec: LocalRecorder
let manager: TunnelManager | null = null
let undoDns: () => void = () => {}

afterEach(async () => {
  manager?.stop()
  manager = null
  await rec.close()
  await lt.close()
  undoDns()
})

async function setup(reminderForBrowsers: boolean): Promise<TunnelManager> {
  undoDns = resolveLocalhostSubdomains()
  lt = await FakeLocaltunnelServer.start({ reminderForBrowsers })
  rec = await startRecorder(() => manager)
  manager = new TunnelManager({ localPort: rec.port, host: lt.url, selfCheckIntervalMs: 50 })
  await manager.start()
  return manager
}

describe('reminder page', () => {
  it('detects the reminder page shown to browsers and explains the bypass header', async () => {
    const m = await setup(true)
    const s = await waitForStatus(m, (x) => x.reason.includes('bypass-tunnel-reminder'))
    expect(s.state).toBe('online')
    expect(s.reason).toMatch(/browser user agents/)
    expect(lt.requests.some((r) => r.status === 511)).toBe(true)
    // Neither the probe nor the self-checks were captured.
    expect(rec.requests).toHaveLength(0)
  })

  it('says nothing when the server does not interpose it', async () => {
    const m = await setup(false)
    await waitUntil(() => rec.selfChecksAnswered >= 3)
    expect(m.status().reason).toBe('tunnel online')
    expect(rec.requests).toHaveLength(0)
  })
})
