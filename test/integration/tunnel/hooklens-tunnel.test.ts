/**
 * The tunnel wired into a real Hooklens (receiver, capture, event log) through the
 * localtunnel-protocol fixture: byte-exact storage, tunnel marking, self-checks never stored,
 * body-cap warnings, the tunnel API, and the A2A loop (register, capture, verify, group).
 */
import { createHash, randomBytes } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createHooklens, type Hooklens } from '../../../electron/core/hooklens/hooklens'
import { createAnalyzers } from '../../../electron/core/hooklens/default-analyzers'
import type { TunnelService } from '../../../electron/core/tunnel/hooklens-tunnel'
import { readRuntimeInfo, registerA2APush, saveA2AVerifier } from '../../../electron/core/share'
import {
  FakeLocaltunnelServer,
  resolveLocalhostSubdomains,
} from '../../helpers/fake-localtunnel-server'
import { quietA2ASdk, startTestAgent, type TestAgent } from './a2a-agent'
import { waitUntil } from './wait'
import { makeTempDir, removeTempDir } from '../../helpers/temp-dir'

let lt: FakeLocaltunnelServer
let h: Hooklens
let service: TunnelService
let dataDir: string
let undoDns: () => void
let agent: TestAgent | null = null
let publicUrl: string

let loud: () => void = () => {}

beforeEach(async () => {
  loud = quietA2ASdk()
  undoDns = resolveLocalhostSubdomains()
  dataDir = await makeTempDir('hooklens-tunnel-')
  lt = await FakeLocaltunnelServer.start()
  h = await createHooklens({
    dataDir,
    port: 0,
    host: '127.0.0.1',
    analyzers: createAnalyzers(),
    tunnel: {
      host: lt.url,
      // The fixture stands in for localtunnel.me here, cap included.
      bodyCap: 1024 * 1024,
      manager: { selfCheckIntervalMs: 100, backoff: [100] },
    },
  })
  await h.start()
  service = h.tunnel
  const s = await service.start()
  expect(s.state).toBe('online')
  publicUrl = s.url!
})

afterEach(async () => {
  loud()
  await agent?.close()
  agent = null
  service.stop()
  await h.stop()
  await lt.close()
  undoDns()
  await removeTempDir(dataDir)
})

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex')

describe('tunnel in a running Hooklens', () => {
  it('stores a 5 MiB binary POST that came through the tunnel byte-exact, marked as tunnelled', async () => {
    const body = randomBytes(5 * 1024 * 1024)
    const res = await fetch(`${publicUrl}/upload?v=2`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body,
    })
    expect(res.status).toBe(200)
    const [event] = h.store.list().filter((e) => e.path === '/upload')
    expect(event).toMatchObject({ method: 'POST', query: 'v=2', size: body.length, via: 'tunnel' })
    expect(event.forwardedFor).toBe('127.0.0.1')
    expect(event.sha256).toBe(sha(body))
    const stored = await h.store.readBody(event.id)
    expect(stored!.equals(body)).toBe(true)
    // The body is far over localtunnel.me's cap: the event says so.
    expect(event.warnings?.join(' ')).toMatch(/over the public tunnel/)
  })

  it('never stores self-checks, and a local request stays local', async () => {
    await waitUntil(() => lt.requests.filter((r) => r.path.includes('self-check')).length >= 3)
    await fetch(`${h.receiverUrl}/local`, { method: 'POST', body: 'x' })
    const events = h.store.list()
    expect(events.map((e) => e.path)).toEqual(['/local'])
    expect(events[0].via).toBe('local')
  })

  it('publishes the public URL in runtime.json and serves the tunnel API', async () => {
    // Hooklens rewrites runtime.json asynchronously after each tunnel status (and, for now,
    // not atomically: a reader can catch it empty), so read it the way `share` does.
    let runtime: { publicUrl?: string | null } = {}
    const readRuntime = async () => {
      runtime = readRuntimeInfo(dataDir) ?? {}
    }
    await readRuntime()
    await waitUntil(() => runtime.publicUrl === publicUrl, 5000, 'runtime.json', readRuntime)
    const api = service.api()
    expect((await api.getTunnelStatus!({})).url).toBe(publicUrl)
    const snippets = (await api.shareSnippets!({ path: '/agent' })) as { url: string }
    expect(snippets.url).toBe(`${publicUrl}/agent`)
    const stopped = await api.stopTunnel!({})
    expect(stopped.state).toBe('disabled')
    expect(h.settings.get().tunnel.enabled).toBe(false)
    expect(h.status().tunnel.state).toBe('disabled')
  })

  it('A2A: registers the push config; task updates are captured, token-verified and grouped by task', async () => {
    agent = await startTestAgent('compat')
    const taskA = await agent.startTask('a')
    const taskB = await agent.startTask('b')
    for (const taskId of [taskA, taskB]) {
      const reg = await registerA2APush({ agentUrl: agent.url, taskId, publicUrl })
      saveA2AVerifier(h.settings, { token: reg.token, path: reg.path, name: `A2A task ${taskId}` })
    }
    agent.release(taskA)
    agent.release(taskB)
    await waitUntil(() => h.store.count >= 4, 5000, 'four notifications')
    const events = h.store.list()
    for (const e of events) {
      expect(e.via).toBe('tunnel')
      expect(e.verification.scheme).toBe('a2a-notification-token')
      expect(e.verification.status).toBe('valid')
      expect(e.classification.platform).toBe('a2a')
    }
    const bySubject = new Map<string, string[]>()
    for (const e of events) {
      const list = bySubject.get(e.classification.subject ?? '?') ?? []
      list.push(e.classification.eventType ?? '?')
      bySubject.set(e.classification.subject ?? '?', list)
    }
    expect([...bySubject.keys()].sort()).toEqual([taskA, taskB].sort())
    expect(bySubject.get(taskA)).toHaveLength(2)
    expect(bySubject.get(taskB)).toHaveLength(2)
  })
})
