import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { TunnelManager } from '../../../electron/core/tunnel/tunnel-manager'
import { registerA2APush, A2AShareError } from '../../../electron/core/share'
import { verifyRequest } from '../../../electron/core/verify'
import {
  FakeLocaltunnelServer,
  resolveLocalhostSubdomains,
} from '../../helpers/fake-localtunnel-server'
import { startRecorder, type LocalRecorder, type Recorded } from './local-recorder'
import { quietA2ASdk, startTestAgent, type AgentMode, type TestAgent } from './a2a-agent'
import { waitUntil } from './wait'

let lt: FakeLocaltunnelServer
let rec: LocalRecorder
let manager: TunnelManager | null = null
let agent: TestAgent | null = null
let undoDns: () => void
let publicUrl: string

let loud: () => void = () => {}

beforeEach(async () => {
  loud = quietA2ASdk()
  undoDns = resolveLocalhostSubdomains()
  lt = await FakeLocaltunnelServer.start()
  rec = await startRecorder(() => manager)
  manager = new TunnelManager({ localPort: rec.port, host: lt.url, selfCheckIntervalMs: 0 })
  const s = await manager.start()
  publicUrl = s.url!
})

afterEach(async () => {
  loud()
  await agent?.close()
  agent = null
  manager?.stop()
  manager = null
  await rec.close()
  await lt.close()
  undoDns()
})

const header = (r: Recorded, name: string) =>
  r.headers.find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1]

async function verdict(r: Recorded, token: string, path: string) {
  return verifyRequest(
    {
      method: r.method,
      url: `http://127.0.0.1:${rec.port}${r.path}`,
      headers: r.headers,
      body: r.body,
      receivedAt: new Date(),
    },
    [{ id: 'v1', scheme: 'a2a-notification-token', secrets: [token], path }],
  )
}

async function runTask(mode: AgentMode) {
  agent = await startTestAgent(mode)
  const taskId = await agent.startTask('case a')
  const result = await registerA2APush({ agentUrl: agent.url, taskId, publicUrl })
  agent.release(taskId)
  await waitUntil(() => rec.requests.length >= 2, 5000, 'two notifications')
  return { taskId, result }
}

describe('A2A push registration through the tunnel', () => {
  it('registers with an A2A 1.0 agent; its task updates arrive via the tunnel, token-verified', async () => {
    const { taskId, result } = await runTask('compat')
    expect(result.protocolVersion).toBe('1.0')
    expect(result.url).toBe(`${publicUrl}/a2a/${taskId}`)
    expect(result.token.length).toBeGreaterThanOrEqual(32)

    const [artifact, done] = rec.requests
    for (const r of rec.requests) {
      expect(r.path).toBe(`/a2a/${taskId}`)
      expect(r.via).toBe('tunnel')
      expect(header(r, 'content-type')).toBe('application/a2a+json')
      expect(header(r, 'x-a2a-notification-token')).toBe(result.token)
      expect((await verdict(r, result.token, result.path)).status).toBe('valid')
      expect((await verdict(r, 'not-the-token', result.path)).status).toBe('invalid')
    }
    // Grouped by task: every notification names the same task.
    const a = JSON.parse(artifact.body.toString())
    const d = JSON.parse(done.body.toString())
    expect(a.artifactUpdate.taskId).toBe(taskId)
    expect(d.statusUpdate.taskId).toBe(taskId)
    expect(d.statusUpdate.status.state).toBe('TASK_STATE_COMPLETED')
  })

  it('uses tasks/pushNotificationConfig/set with an A2A 0.3 agent (0.3 bodies)', async () => {
    const { taskId, result } = await runTask('v0.3-only')
    expect(result.protocolVersion).toBe('0.3')
    const last = rec.requests.at(-1)!
    expect(header(last, 'content-type')).toBe('application/json')
    const body = JSON.parse(last.body.toString())
    expect(body.kind).toBe('task')
    expect(body.id).toBe(taskId)
    expect(body.status.state).toBe('completed')
    expect((await verdict(last, result.token, result.path)).status).toBe('valid')
  })

  it('falls back to the older /.well-known/agent.json card', async () => {
    agent = await startTestAgent('v0.3-only')
    const card = await (await fetch(`${agent.url}/.well-known/agent-card.json`)).json()
    // An older agent: only agent.json, pointing at the real agent's JSON-RPC endpoint.
    const old = http.createServer((req, res) => {
      if (req.url === '/.well-known/agent.json') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(card))
      } else res.writeHead(404).end()
    })
    await new Promise<void>((r) => old.listen(0, '127.0.0.1', () => r()))
    try {
      const taskId = await agent.startTask('old card')
      const base = `http://127.0.0.1:${(old.address() as AddressInfo).port}`
      const result = await registerA2APush({ agentUrl: base, taskId, publicUrl })
      expect(result.protocolVersion).toBe('0.3')
      expect(result.rpcUrl).toBe(`${agent.url}/a2a/jsonrpc`)
      agent.release(taskId)
      await waitUntil(() => rec.requests.length >= 2, 5000, 'notifications')
      expect(rec.requests.every((r) => r.path === `/a2a/${taskId}`)).toBe(true)
    } finally {
      old.close()
    }
  })

  it('reports a missing agent card clearly', async () => {
    const none = http.createServer((_req, res) => res.writeHead(404).end())
    await new Promise<void>((r) => none.listen(0, '127.0.0.1', () => r()))
    const base = `http://127.0.0.1:${(none.address() as AddressInfo).port}`
    const err = await registerA2APush({ agentUrl: base, taskId: 't', publicUrl }).catch((e) => e)
    none.close()
    expect(err).toBeInstanceOf(A2AShareError)
    expect(err.message).toMatch(
      /no agent card found: tried .*agent-card\.json \(404\), .*agent\.json \(404\)/,
    )
  })

  it("passes the agent's own auth headers, and says so when they are missing", async () => {
    agent = await startTestAgent('compat', { requireAuthorization: 'Bearer agent-key' })
    const taskId = await agent.startTask('auth')
    const err = await registerA2APush({ agentUrl: agent.url, taskId, publicUrl }).catch((e) => e)
    expect(err).toBeInstanceOf(A2AShareError)
    expect(err.message).toMatch(/answered HTTP 401/)
    const ok = await registerA2APush({
      agentUrl: agent.url,
      taskId,
      publicUrl,
      headers: { Authorization: 'Bearer agent-key' },
    })
    expect(ok.protocolVersion).toBe('1.0')
  })

  it('says so when the agent does not support push notifications', async () => {
    agent = await startTestAgent('no-push')
    const taskId = await agent.startTask('x')
    const err = await registerA2APush({ agentUrl: agent.url, taskId, publicUrl }).catch((e) => e)
    expect(err).toBeInstanceOf(A2AShareError)
    expect(err.message).toMatch(/does not support push notifications/)
  })

  it('reports an unknown task with the agent error -32001', async () => {
    agent = await startTestAgent('compat')
    const err = await registerA2APush({
      agentUrl: agent.url,
      taskId: 'no-such-task',
      publicUrl,
    }).catch((e) => e)
    expect(err).toBeInstanceOf(A2AShareError)
    expect(err.code).toBe(-32001)
    expect(err.message).toMatch(/no task "no-such-task"/)
  })
})
