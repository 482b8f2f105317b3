/**
 * Classification and keys against what a real @a2a-js/sdk agent pushes (the tunnel tests'
 * SDK agent), received byte for byte on a 127.0.0.1 server: 1.0 StreamResponse wrappers and
 * 0.3 Task snapshots.
 */
import { createHash } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { registerA2APush } from '../../../electron/core/share'
import { createInspectAnalyzers } from '../../../electron/core/inspect'
import type { HeaderPair } from '../../../shared/event'
import { startTestAgent, type AgentMode, type TestAgent } from '../../integration/tunnel/a2a-agent'

interface Received {
  method: string
  path: string
  headers: HeaderPair[]
  body: Buffer
}

let agent: TestAgent | null = null
let server: http.Server | null = null

afterEach(async () => {
  await agent?.close()
  agent = null
  server?.closeAllConnections()
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
  server = null
})

async function receiver(): Promise<{ url: string; got: Received[] }> {
  const got: Received[] = []
  server = http.createServer((req, res) => {
    const headers: HeaderPair[] = []
    for (let i = 0; i < req.rawHeaders.length; i += 2)
      headers.push([req.rawHeaders[i], req.rawHeaders[i + 1]])
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      got.push({
        method: req.method ?? '',
        path: req.url ?? '/',
        headers,
        body: Buffer.concat(chunks),
      })
      res.writeHead(200).end()
    })
  })
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', () => resolve()))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, got }
}

async function pushesOf(mode: AgentMode): Promise<{ taskId: string; got: Received[] }> {
  const rec = await receiver()
  agent = await startTestAgent(mode)
  const taskId = await agent.startTask('case a')
  await registerA2APush({ agentUrl: agent.url, taskId, publicUrl: rec.url })
  agent.release(taskId)
  const end = Date.now() + 5000
  while (rec.got.length < 2 && Date.now() < end) await new Promise((r) => setTimeout(r, 20))
  return { taskId, got: rec.got }
}

function inspectAll(got: Received[]) {
  const an = createInspectAnalyzers()
  return got.map((r, i) => {
    const input = { id: `e${i}`, ...r, sha256: createHash('sha256').update(r.body).digest('hex') }
    const classification = an.classify(input)
    return { classification, idempotency: an.idempotency(input, classification) }
  })
}

describe('real @a2a-js/sdk push notifications', () => {
  it('1.0: artifactUpdate then statusUpdate COMPLETED, grouped by task, distinct keys', async () => {
    const { taskId, got } = await pushesOf('compat')
    expect(got.length).toBeGreaterThanOrEqual(2)
    const results = inspectAll(got)
    for (const r of results) {
      expect(r.classification).toMatchObject({
        platform: 'a2a',
        subject: taskId,
        details: { protocol: '1.0' },
      })
      expect(r.idempotency).toMatchObject({ source: 'a2a:sha256', status: 'first', count: 1 })
    }
    const types = results.map((r) => r.classification.eventType)
    expect(types).toContain('artifactUpdate')
    const last = results.at(-1)!.classification
    expect(last).toMatchObject({
      eventType: 'statusUpdate',
      details: { stateName: 'completed', terminal: true },
    })
  })

  it('0.3: Task snapshots, working → completed, never keyed on the task id', async () => {
    const { taskId, got } = await pushesOf('v0.3-only')
    const results = inspectAll(got)
    expect(results.length).toBeGreaterThanOrEqual(2)
    for (const r of results) {
      expect(r.classification).toMatchObject({
        platform: 'a2a',
        eventType: 'task',
        subject: taskId,
        details: { protocol: '0.3' },
      })
      expect(r.idempotency.key).not.toBe(taskId)
      expect(r.idempotency.status).toBe('first')
    }
    const last = results.at(-1)!.classification
    expect(last.details).toMatchObject({
      state: 'completed',
      transition: 'working → completed',
      artifactCount: 1,
    })
  })
})
