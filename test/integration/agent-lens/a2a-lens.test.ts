/**
 * The Agent lens against a real @a2a-js/sdk agent on loopback, through a real Hooklens
 * (receiver on a free port, event log in a temp dir): registration from the API on 1.0 and
 * 0.3, a compliant run without findings, a stall raised by a clock set ahead, hand-made
 * non-conformant bodies, the clear messages for agents without push support, list/delete of
 * the registered configs and re-registration when the tunnel URL changes.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ApiHandlers, ApiPush } from '../../../shared/api'
import type { EventSummary } from '../../../shared/event'
import { createAnalyzers } from '../../../electron/core/hooklens/default-analyzers'
import { createHooklens, type Hooklens } from '../../../electron/core/hooklens/hooklens'
import { tempDir } from '../../helpers/temp-dir'
import { quietA2ASdk, startTestAgent, type TestAgent } from '../tunnel/a2a-agent'
import { waitUntil } from '../tunnel/wait'

let h: Hooklens
let api: ApiHandlers
let agent: TestAgent | null = null
let cleanup: () => Promise<void>
let offsetMs = 0
let pushes: ApiPush[] = []
let loud: () => void = () => {}
const extraServers: http.Server[] = []

beforeEach(async () => {
  loud = quietA2ASdk()
  offsetMs = 0
  pushes = []
  const tmp = await tempDir()
  cleanup = tmp.cleanup
  h = await createHooklens({
    dataDir: tmp.dir,
    port: 0,
    host: '127.0.0.1',
    analyzers: createAnalyzers(),
    clock: () => Date.now() + offsetMs,
  })
  await h.start()
  api = h.api
  h.subscribe((p) => pushes.push(p))
})

afterEach(async () => {
  loud()
  await agent?.close()
  agent = null
  for (const s of extraServers.splice(0)) {
    s.closeAllConnections()
    await new Promise<void>((r) => s.close(() => r()))
  }
  await h.stop()
  await cleanup()
})

const events = () => h.store.list()
const codes = (e: EventSummary | undefined) => (e?.findings ?? []).map((f) => f.code)

async function registered(mode: 'compat' | 'v0.3-only', opts = {}) {
  agent = await startTestAgent(mode, opts)
  const taskId = await agent.startTask('lens')
  const out = await api.shareA2A({ agentUrl: agent.url, taskId, publicUrl: h.receiverUrl })
  return { taskId, ...out }
}

async function post(path: string, headers: Record<string, string>, body: unknown) {
  const res = await fetch(h.receiverUrl + path, {
    method: 'POST',
    headers,
    body: JSON.stringify(body),
  })
  await res.text()
  return events().at(-1)!
}

async function fakeAgent(card: object, rpc: (body: { id: unknown }) => object): Promise<string> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const send = (b: object) =>
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(b))
      if (req.url === '/.well-known/agent-card.json') return send(card)
      send(rpc(JSON.parse(Buffer.concat(chunks).toString() || '{}')))
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  extraServers.push(server)
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

describe('Agent lens with a real @a2a-js/sdk agent', () => {
  it('1.0: registered from the API, a compliant run raises no finding; a late update after completed does', async () => {
    const { taskId, registration, message } = await registered('compat')
    expect(registration).toMatchObject({ protocol: '1.0', taskId, path: `/a2a/${taskId}` })
    expect(message).toMatch(/Registered push notifications for task .* \(A2A 1\.0\)/)
    expect(JSON.stringify(await api.listA2ARegistrations({}))).not.toMatch(/token"/)
    agent!.release(taskId)
    await waitUntil(() => events().length >= 2, 5000, 'two notifications')
    for (const e of events()) {
      expect(e.findings).toBeUndefined()
      expect(e.verification.status).toBe('valid')
    }
    const timeline = await api.getTimeline({ id: events()[0].id })
    expect(timeline).toMatchObject({ subject: taskId, noun: 'task', status: 'finished' })
    expect(timeline!.entries.map((e) => e.kind)).toEqual(['artifact', 'state'])

    const token = h.settings.get().verifiers.find((v) => v.id === registration.verifierId)!
      .secrets[0]
    const late = await post(
      `/a2a/${taskId}`,
      { 'content-type': 'application/a2a+json', 'X-A2A-Notification-Token': token },
      { statusUpdate: { taskId, contextId: 'c', status: { state: 'TASK_STATE_WORKING' } } },
    )
    expect(codes(late)).toEqual(['update-after-terminal'])
    expect(late.findings![0].message).toMatch(
      new RegExp(`^update after task ${taskId} reached its terminal state 'completed'`),
    )
  })

  it('0.3: registered from the API, compliant; its configs are listed and deleted on the agent', async () => {
    const { taskId, registration } = await registered('v0.3-only')
    expect(registration.protocol).toBe('0.3')
    agent!.release(taskId)
    await waitUntil(() => events().length >= 2, 5000, 'two snapshots')
    expect(events().flatMap((e) => e.findings ?? [])).toEqual([])
    const configs = await api.listA2APushConfigs({ id: registration.id })
    expect(configs).toEqual([
      { id: registration.configId, taskId, url: registration.url, hasToken: true, ours: true },
    ])
    const removed = await api.deleteA2ARegistration({ id: registration.id })
    expect(removed).toMatchObject({ removed: true, deletedOnAgent: true })
    expect(await api.listA2ARegistrations({})).toEqual([])
  })

  it('1.0: list and delete the registered config on the agent', async () => {
    const { registration } = await registered('compat')
    const listed = await api.listA2APushConfigs({ id: registration.id })
    expect(listed.filter((c) => c.ours)).toHaveLength(1)
    const removed = await api.deleteA2ARegistration({ id: registration.id })
    expect(removed).toMatchObject({ removed: true, deletedOnAgent: true })
  })

  it('an agent that stops after its first update raises the stall (clock set 2 min ahead)', async () => {
    const { taskId } = await registered('compat', { stallAfterFirstUpdate: true })
    agent!.release(taskId)
    await waitUntil(() => events().length >= 1, 5000, 'the first update')
    expect(await h.stallMonitor.check()).toEqual([])
    offsetMs = 120_000
    const [stall] = await h.stallMonitor.check()
    expect(stall.message).toBe(`task ${taskId} stalled: last update 'working' 2 min ago`)
    expect(pushes.filter((p) => p.type === 'subjectStalled').map((p) => p.payload)).toEqual([stall])
    expect(codes(h.store.get(stall.lastEventId))).toEqual(['stalled'])
    expect((await api.getTimeline({ id: stall.lastEventId }))!.status).toBe('stalled')
    // Reported once.
    offsetMs = 600_000
    expect(await h.stallMonitor.check()).toEqual([])
  })

  it('hand-made bodies: two top-level keys, and the Go-style token header', async () => {
    const twoKeys = await post(
      '/a2a/t-1',
      { 'content-type': 'application/a2a+json', 'X-A2A-Notification-Token': 'tok' },
      {
        task: { id: 't-1', contextId: 'c', status: { state: 'TASK_STATE_WORKING' } },
        statusUpdate: { taskId: 't-1', contextId: 'c', status: { state: 'TASK_STATE_WORKING' } },
      },
    )
    expect(codes(twoKeys)).toEqual(['a2a-stream-response'])
    expect(twoKeys.classification.platform).toBe('a2a')
    const go = await post(
      '/a2a/t-2',
      { 'content-type': 'application/a2a+json', 'A2A-Notification-Token': 'tok' },
      { statusUpdate: { taskId: 't-2', contextId: 'c', status: { state: 'TASK_STATE_WORKING' } } },
    )
    expect(codes(go)).toEqual(['a2a-token-header'])
    expect(go.findings![0].message).toMatch(/A2A-Notification-Token \(the Go SDK spelling/)
  })

  it('a card without push support gives the clear message, before and at registration', async () => {
    agent = await startTestAgent('no-push')
    const taskId = await agent.startTask('x')
    const check = await api.checkA2AAgent({ agentUrl: agent.url })
    expect(check).toMatchObject({ pushNotifications: false, protocol: null })
    expect(check.problem).toBe(
      'Hooklens test agent does not support push notifications (its agent card has no capabilities.pushNotifications: true)',
    )
    const err = await api
      .shareA2A({ agentUrl: agent.url, taskId, publicUrl: h.receiverUrl })
      .catch((e: Error) => e)
    expect((err as Error).message).toBe(check.problem)
  })

  it('an agent answering UnsupportedOperation (ADK to_a2a) is explained', async () => {
    const base = await fakeAgent(
      { name: 'adk agent', url: '/rpc', capabilities: { pushNotifications: true } },
      (b) => ({ jsonrpc: '2.0', id: b.id, error: { code: -32004, message: 'Unsupported' } }),
    )
    const err = await api
      .shareA2A({ agentUrl: base, taskId: 't', publicUrl: h.receiverUrl })
      .catch((e: Error) => e)
    expect((err as Error).message).toMatch(
      /adk agent answered tasks\/pushNotificationConfig\/set with UnsupportedOperationError \(-32004/,
    )
  })

  it('re-registers, and says so, when the tunnel URL changes', async () => {
    agent = await startTestAgent('compat')
    const taskId = await agent.startTask('moving')
    const since = new Date().toISOString()
    h.setTunnelStatus({ state: 'online', url: h.receiverUrl, reason: 'test', since })
    const { registration } = await api.shareA2A({ agentUrl: agent.url, taskId })
    expect(registration.followTunnel).toBe(true)
    const moved = h.receiverUrl.replace('127.0.0.1', 'localhost')
    h.setTunnelStatus({ state: 'online', url: moved, reason: 'rebuilt', since })
    await waitUntil(() => pushes.some((p) => p.type === 'a2aReregistered'), 5000, 'the re-register')
    const note = pushes.find((p) => p.type === 'a2aReregistered')!.payload as {
      ok: boolean
      message: string
    }
    expect(note).toMatchObject({ ok: true })
    expect(note.message).toBe(
      `tunnel URL changed: re-registered A2A task ${taskId} with Hooklens test agent at ${moved}/a2a/${taskId}`,
    )
    const [now] = await api.listA2ARegistrations({})
    expect(now.url).toBe(`${moved}/a2a/${taskId}`)
    agent.release(taskId)
    const done = () => events().some((e) => e.classification.details?.stateName === 'completed')
    await waitUntil(done, 5000, 'notifications at the new URL')
    // The config at the old URL was replaced or deleted: everything arrives once, at the new one.
    expect(events().map((e) => e.headers.find(([k]) => k.toLowerCase() === 'host')?.[1])).toEqual([
      new URL(moved).host,
      new URL(moved).host,
    ])
    expect(events().every((e) => e.verification.status === 'valid')).toBe(true)
  })
})

describe('Agent lens across a restart', () => {
  it('a task already quiet at start is history, not a new stall; one that goes quiet later is', async () => {
    await post(
      '/a2a/old',
      { 'content-type': 'application/a2a+json', 'X-A2A-Notification-Token': 'tok' },
      { statusUpdate: { taskId: 'old', contextId: 'c', status: { state: 'TASK_STATE_WORKING' } } },
    )
    await post(
      '/a2a/new',
      { 'content-type': 'application/a2a+json', 'X-A2A-Notification-Token': 'tok' },
      { statusUpdate: { taskId: 'new', contextId: 'c', status: { state: 'TASK_STATE_WORKING' } } },
    )
    const dataDir = h.opts.dataDir
    await h.stop()
    // Restart 3 min later: 'old' and 'new' both look quiet; only later silence is news.
    offsetMs = 180_000
    h = await createHooklens({
      dataDir,
      port: 0,
      host: '127.0.0.1',
      analyzers: createAnalyzers(),
      clock: () => Date.now() + offsetMs,
    })
    await h.start()
    api = h.api
    expect(await h.stallMonitor.check()).toEqual([])
    await post(
      '/a2a/new',
      { 'content-type': 'application/a2a+json', 'X-A2A-Notification-Token': 'tok' },
      { statusUpdate: { taskId: 'new', contextId: 'c', status: { state: 'TASK_STATE_WORKING' } } },
    )
    offsetMs = 180_000 + 120_000
    const stalls = await h.stallMonitor.check()
    expect(stalls.map((s) => s.subject)).toEqual(['new'])
  })
})
