import net from 'node:net'
import { describe, expect, it } from 'vitest'
import type { TunnelStatus } from '../../../shared/api'
import { TunnelManager, type Timers } from '../../../electron/core/tunnel/tunnel-manager'

/** A port nothing listens on: registration fails with ECONNREFUSED every time. */
async function closedPort(): Promise<number> {
  const srv = net.createServer()
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()))
  const port = (srv.address() as net.AddressInfo).port
  await new Promise<void>((r) => srv.close(() => r()))
  return port
}

/** Real timers, but recording the requested delays and firing right away. */
function recordingTimers(delays: number[]): Timers {
  return {
    setTimeout: (fn, ms) => {
      delays.push(ms)
      return setTimeout(fn, 1)
    },
    clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
  }
}

async function retries(backoff: number[] | undefined, count: number): Promise<number[]> {
  const delays: number[] = []
  const m = new TunnelManager({
    localPort: 1,
    host: `http://127.0.0.1:${await closedPort()}`,
    backoff,
    timers: recordingTimers(delays),
    selfCheckIntervalMs: 0,
  })
  const seen: TunnelStatus[] = []
  await new Promise<void>((resolve) => {
    m.on('status', (s) => {
      seen.push(s)
      if (delays.length >= count) resolve()
    })
    void m.start()
  })
  expect(seen.every((s) => s.state === 'connecting')).toBe(true)
  m.stop()
  return delays.slice(0, count)
}

describe('rebuild backoff', () => {
  it('follows 1 s, 2 s, 5 s, 10 s, 20 s, 30 s and stays at 30 s', async () => {
    expect(await retries(undefined, 8)).toEqual([
      1000, 2000, 5000, 10000, 20000, 30000, 30000, 30000,
    ])
  })

  it('caps a configured backoff at 30 s', async () => {
    expect(await retries([500, 60_000], 3)).toEqual([500, 30000, 30000])
  })

  it('says what failed and when it tries again', async () => {
    const m = new TunnelManager({
      localPort: 1,
      host: `http://127.0.0.1:${await closedPort()}`,
      timers: recordingTimers([]),
      selfCheckIntervalMs: 0,
    })
    const s = await m.start()
    m.stop()
    expect(s.reason).toMatch(
      /^cannot reach the tunnel server http:\/\/127\.0\.0\.1:\d+: ECONNREFUSED; retry 1 in 1 s$/,
    )
  })
})
