import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { TunnelManager } from '../../../electron/core/tunnel/tunnel-manager'
import {
  FakeLocaltunnelServer,
  resolveLocalhostSubdomains,
} from '../../helpers/fake-localtunnel-server'
import { startRecorder, type LocalRecorder } from './local-recorder'
import { waitForStatus } from './wait'

let lt: FakeLocaltunnelServer
let rec: LocalRecorder
let undoDns: () => void
const managers: TunnelManager[] = []

function make(opts: Partial<ConstructorParameters<typeof TunnelManager>[0]> = {}): TunnelManager {
  const m = new TunnelManager({
    localPort: rec.port,
    host: lt.url,
    selfCheckIntervalMs: 0,
    backoff: [100],
    registerTimeoutMs: 300,
    ...opts,
  })
  managers.push(m)
  return m
}

beforeEach(async () => {
  undoDns = resolveLocalhostSubdomains()
  lt = await FakeLocaltunnelServer.start()
  rec = await startRecorder(() => null)
})

afterEach(async () => {
  for (const m of managers.splice(0)) m.stop()
  await rec.close()
  await lt.close()
  undoDns()
})

describe('tunnel registration', () => {
  it('a 4xx at registration goes offline with the server message and does not retry', async () => {
    lt.setRegistration({ kind: 'status', status: 403, message: 'too many tunnels from your IP' })
    const m = make()
    const s = await m.start()
    expect(s.state).toBe('offline')
    expect(s.reason).toContain('HTTP 403')
    expect(s.reason).toContain('too many tunnels from your IP')
    expect(s.reason).toContain('not retrying')
    // Give a retry (100 ms backoff) the chance to happen: it must not.
    lt.setRegistration({ kind: 'ok' })
    await new Promise((r) => setTimeout(r, 300))
    expect(m.status().state).toBe('offline')
    expect(lt.registrations).toBe(0)
  })

  it('a registration never answered times out with a clear reason and keeps retrying', async () => {
    lt.setRegistration({ kind: 'hang' })
    const m = make()
    const s = await m.start()
    expect(s.state).toBe('connecting')
    expect(s.reason).toMatch(/timed out after 300 ms/)
    expect(s.reason).toMatch(/retry 1 in 100 ms/)
    lt.setRegistration({ kind: 'ok' })
    const online = await waitForStatus(m, (x) => x.state === 'online')
    expect(online.url).toMatch(/localhost/)
  })

  it('stop() cancels a registration in flight', async () => {
    lt.setRegistration({ kind: 'hang' })
    const m = make({ registerTimeoutMs: 60_000 })
    const pending = m.start()
    await new Promise((r) => setTimeout(r, 50))
    const stopped = m.stop()
    expect(stopped.state).toBe('disabled')
    expect((await pending).state).toBe('disabled')
  })

  it('an unreachable server is reported and retried', async () => {
    await lt.kill()
    const m = make()
    const s = await m.start()
    expect(s.state).toBe('connecting')
    expect(s.reason).toMatch(/cannot reach the tunnel server .*ECONNREFUSED/)
  })

  it('an invalid subdomain is refused before contacting the server', async () => {
    const m = make({ subdomain: 'No_Way' })
    const s = await m.start()
    expect(s.state).toBe('offline')
    expect(s.reason).toMatch(/lowercase/)
    expect(lt.registrations).toBe(0)
  })

  it('gets the requested subdomain, and says so when the server assigns another', async () => {
    const a = make({ subdomain: 'hooklens-dev' })
    const sa = await a.start()
    expect(sa.state).toBe('online')
    expect(sa.url).toContain('hooklens-dev.localhost')
    const b = make({ subdomain: 'hooklens-dev' })
    const sb = await b.start()
    expect(sb.state).toBe('online')
    expect(sb.url).not.toContain('hooklens-dev')
    expect(sb.reason).toMatch(/requested subdomain "hooklens-dev" but the server assigned/)
  })
})
