import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { TunnelStatus } from '../../../shared/api'
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
let undoDns: () => void
const warnings: string[] = []
const logger = { info: () => {}, warn: (m: string) => warnings.push(m) }

beforeEach(async () => {
  warnings.length = 0
  undoDns = resolveLocalhostSubdomains()
  lt = await FakeLocaltunnelServer.start()
  rec = await startRecorder(() => manager)
})

afterEach(async () => {
  manager?.stop()
  manager = null
  await rec.close()
  await lt.close()
  undoDns()
})

describe('tunnel rebuilds itself', () => {
  it('server killed → reconnecting → restarted → online with a new URL (< 10 s), reported loudly', async () => {
    manager = new TunnelManager({
      localPort: rec.port,
      host: lt.url,
      logger,
      backoff: [100, 200, 400],
      selfCheckIntervalMs: 200,
      socketGraceMs: 200,
    })
    const states: TunnelStatus[] = []
    manager.on('status', (s) => states.push(s))
    const first = await manager.start()
    expect(first.state).toBe('online')

    await lt.kill()
    const down = await waitForStatus(manager, (s) => s.state === 'reconnecting')
    expect(down.url).toBeNull()
    expect(down.previousUrl).toBe(first.url)
    expect(down.reason).toMatch(/retry/)

    await lt.restart()
    const back = await waitForStatus(manager, (s) => s.state === 'online', 10_000)
    expect(back.url).not.toBe(first.url)
    expect(back.previousUrl).toBe(first.url)
    expect(warnings.some((w) => w.includes('PUBLIC URL CHANGED') && w.includes(back.url!))).toBe(
      true,
    )

    // The new URL really carries traffic.
    const res = await fetch(`${back.url}/after`, { method: 'POST', body: 'hello' })
    expect(res.status).toBe(200)
    expect(rec.requests.at(-1)?.body.toString()).toBe('hello')
    // The old host is still recognised as a tunnel host (late deliveries).
    expect(manager.publicHosts()).toHaveLength(2)
  })

  it('the self-check notices a tunnel the server forgot while its sockets stay up', async () => {
    manager = new TunnelManager({
      localPort: rec.port,
      host: lt.url,
      backoff: [100],
      selfCheckIntervalMs: 100,
      // A 503 for our host is definitive: it rebuilds however many failures are tolerated.
      selfCheckFailures: 1000,
    })
    const first = await manager.start()
    const id = lt.clientIds()[0]
    lt.forgetClient(id)
    const back = await waitForStatus(
      manager,
      (s) => s.state === 'online' && s.url !== first.url,
      10_000,
    )
    expect(back.previousUrl).toBe(first.url)
    expect(lt.requests.some((r) => r.status === 503)).toBe(true)
  })

  it('a public name this machine cannot resolve stops the self-checks, not the tunnel', async () => {
    undoDns() // <id>.localhost is unresolvable without the test's DNS patch
    undoDns = () => {}
    manager = new TunnelManager({
      localPort: rec.port,
      host: lt.url,
      logger,
      selfCheckIntervalMs: 50,
      selfCheckFailures: 1,
    })
    const first = await manager.start()
    await waitUntil(() => warnings.some((w) => w.includes('does not resolve')), 5000, 'warning')
    expect(manager.status()).toMatchObject({ state: 'online', url: first.url })
    expect(lt.registrations).toBe(1)
  })

  it('stop() cancels everything and reports disabled', async () => {
    manager = new TunnelManager({ localPort: rec.port, host: lt.url, selfCheckIntervalMs: 0 })
    await manager.start()
    const id = lt.clientIds()[0]
    const stopped = manager.stop()
    expect(stopped.state).toBe('disabled')
    await waitUntil(() => lt.socketCount(id) === 0, 5000, 'sockets closed')
    expect(lt.clientIds()).toEqual([id])
  })
})
