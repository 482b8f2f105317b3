/**
 * `hooklens mcp` comparing and reporting, against a real `hooklens listen`: diff_events and
 * changes_since_previous over an A2A task's updates and a conflicting redelivery (diffs inside
 * the untrusted wrapper), list_deliveries after a replay, share_snippets and get_status.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tempDir } from '../../helpers/temp-dir'
import { startHandler, type Handler } from '../replay/handler-server'
import { post, startListenWithControl, startMcp, type Listen, type Mcp } from './mcp-harness'

let dir: { dir: string; cleanup: () => Promise<void> }
let listen: Listen
let mcp: Mcp
let handler: Handler
const ids: string[] = []

/** An A2A push notification body: a task in a given state. */
const a2a = (state: string) =>
  JSON.stringify({
    id: 'task-7',
    contextId: 'ctx-1',
    kind: 'task',
    status: { state, timestamp: '2026-01-01T00:00:00Z' },
  })

beforeAll(async () => {
  dir = await tempDir('hooklens-mcp-compare-')
  listen = await startListenWithControl(dir.dir)
  mcp = await startMcp(dir.dir)
  handler = await startHandler()
  const headers = {
    'content-type': 'application/json',
    'x-a2a-notification-token': 'tok-abcdefghijklmnop',
  }
  for (const state of ['working', 'completed']) {
    await post(`${listen.url}/a2a`, a2a(state), headers)
  }
  // Same idempotency key, different body: a conflict.
  await post(`${listen.url}/hooks/sw`, '{"n":1}', {
    'content-type': 'application/json',
    'webhook-id': 'msg_1',
  })
  await post(`${listen.url}/hooks/sw`, '{"n":2}', {
    'content-type': 'application/json',
    'webhook-id': 'msg_1',
  })
  const list = await mcp.call('list_events', {})
  ids.push(...list.json.events.map((e: { id: string }) => e.id))
  expect(ids).toHaveLength(4)
}, 180_000)

afterAll(async () => {
  await mcp?.close()
  await listen?.stop()
  await handler?.close()
  await dir?.cleanup()
})

describe('diffs', () => {
  it('diff_events shows the changed field inside the untrusted wrapper', async () => {
    const r = await mcp.call('diff_events', { a: ids[0], b: ids[1] })
    expect(r.isError).toBe(false)
    expect(r.json.untrusted.notice).toMatch(/UNTRUSTED/)
    expect(JSON.stringify(r.json.untrusted.diff)).toContain('completed')
    expect(r.text).not.toContain('abcdefghijklmnop')
  })

  it('changes_since_previous finds the previous update of the task', async () => {
    const r = await mcp.call('changes_since_previous', { id: ids[1] })
    expect(r.json.previous.id).toBe(ids[0])
    expect(JSON.stringify(r.json.previous.untrusted.diff)).toContain('working')
  })

  it('changes_since_previous shows how a conflict differs from the first delivery', async () => {
    const conflict = await mcp.call('list_events', { conflicts: true })
    expect(conflict.json.events.map((e: { id: string }) => e.id)).toEqual([ids[3]])
    const r = await mcp.call('changes_since_previous', { id: ids[3] })
    expect(r.json.first).toMatchObject({ id: ids[2], status: 'conflict' })
  })
})

describe('--allow-remote', () => {
  it('lets mutating tools try a public address (refused without it)', async () => {
    const to = 'http://93.184.216.34:9/hook'
    const refused = await mcp.call('replay_event', { id: ids[0], to, timeoutMs: 500 })
    expect(refused.text).toMatch(/not a loopback or private address/)
    const open = await startMcp(dir.dir, ['--allow-remote'])
    try {
      const r = await open.call('replay_event', { id: ids[0], to, timeoutMs: 500 })
      expect(r.text).not.toMatch(/not a loopback or private address/)
      // No network here: the attempt itself fails, and is recorded as a delivery.
      expect(r.json.delivery.status).toBe('failed')
    } finally {
      await open.close()
    }
  })
})

describe('deliveries, snippets and status', () => {
  it('list_deliveries shows a replay with its answer', async () => {
    const replay = await mcp.call('replay_event', { id: ids[0], to: `${handler.url}/a2a` })
    expect(replay.json.delivery.status).toBe('delivered')
    const r = await mcp.call('list_deliveries', { eventId: ids[0], status: 'delivered' })
    expect(r.json.count).toBe(1)
    expect(r.json.deliveries[0]).toMatchObject({ kind: 'replay', target: `${handler.url}/a2a` })
    expect(r.json.deliveries[0].response.untrusted.bodyExcerpt).toBe('ok')
    // The A2A token travelled to the handler but does not come back to the agent.
    expect(r.text).not.toContain('abcdefghijklmnop')
  })

  it('share_snippets and get_status describe the receiver', async () => {
    const status = await mcp.call('get_status')
    expect(status.json).toMatchObject({ mode: 'live', running: true, receiverUrl: listen.url })
    expect(status.json.eventCount).toBeGreaterThanOrEqual(4)
    const snippets = await mcp.call('share_snippets', { path: '/a2a' })
    expect(snippets.json.warning).toMatch(/no public URL/)
    expect(snippets.json.snippets.map((s: { id: string }) => s.id)).toContain('a2a')
    const bad = await mcp.call('share_snippets', { path: 'a2a' })
    expect(bad.isError).toBe(true)
    expect(bad.text).toMatch(/must start with \//)
  })
})
