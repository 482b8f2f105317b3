import { createHash, randomBytes } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { TunnelManager } from '../../../electron/core/tunnel/tunnel-manager'
import {
  FakeLocaltunnelServer,
  resolveLocalhostSubdomains,
} from '../../helpers/fake-localtunnel-server'
import { startRecorder, type LocalRecorder } from './local-recorder'
import { waitUntil } from './wait'

let lt: FakeLocaltunnelServer
let rec: LocalRecorder
let manager: TunnelManager | null = null
let undoDns: () => void

beforeEach(async () => {
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

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex')

describe('tunnel carries bytes', () => {
  it('delivers a 5 MiB binary POST byte-exact and marks it as tunnelled', async () => {
    manager = new TunnelManager({ localPort: rec.port, host: lt.url, selfCheckIntervalMs: 0 })
    const status = await manager.start()
    expect(status.state).toBe('online')
    expect(status.url).toMatch(/^http:\/\/[a-z]{10}\.localhost:\d+$/)

    const body = randomBytes(5 * 1024 * 1024)
    const res = await fetch(`${status.url}/hooks/bin?x=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body,
    })
    expect(res.status).toBe(200)
    expect(rec.requests).toHaveLength(1)
    const got = rec.requests[0]
    expect(got.path).toBe('/hooks/bin')
    expect(got.body.length).toBe(body.length)
    expect(sha(got.body)).toBe(sha(body))
    expect(got.via).toBe('tunnel')
    expect(got.forwardedFor).toBe('127.0.0.1')
  })

  it('answers self-checks at the receiver without recording them', async () => {
    manager = new TunnelManager({ localPort: rec.port, host: lt.url, selfCheckIntervalMs: 50 })
    await manager.start()
    await waitUntil(() => rec.selfChecksAnswered >= 2)
    expect(rec.requests).toHaveLength(0)
    expect(manager.status().state).toBe('online')
  })

  it('a local request is not marked as tunnelled', async () => {
    manager = new TunnelManager({ localPort: rec.port, host: lt.url, selfCheckIntervalMs: 0 })
    await manager.start()
    await fetch(`http://127.0.0.1:${rec.port}/local`, { method: 'POST', body: 'x' })
    expect(rec.requests[0].via).toBe('local')
    expect(rec.requests[0].forwardedFor).toBeNull()
  })
})
