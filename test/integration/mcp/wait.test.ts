/**
 * `wait_for_event` against a real `hooklens listen`: released by a POST sent after the call
 * (through the control API's event stream), timing out when none comes; and the read-only
 * fallback — `listen --no-ui` (no control API) and no Hooklens at all — polling the log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startListen, type ListenHandle } from '../../helpers/hooklens-cli'
import { tempDir } from '../../helpers/temp-dir'
import { post, startListenWithControl, startMcp, type Listen, type Mcp } from './mcp-harness'

/** POSTs to `url` every 150 ms until `until` settles: a POST certainly lands after the call. */
async function postUntil<T>(url: string, until: Promise<T>): Promise<T> {
  let settled = false
  void until.finally(() => (settled = true))
  while (!settled) {
    await post(url, '{"late":true}', { 'content-type': 'application/json' })
    await new Promise((r) => setTimeout(r, 150))
  }
  return until
}

describe('with the running Hooklens (live)', () => {
  let dir: { dir: string; cleanup: () => Promise<void> }
  let listen: Listen
  let mcp: Mcp

  beforeAll(async () => {
    dir = await tempDir('hooklens-mcp-wait-')
    listen = await startListenWithControl(dir.dir)
    mcp = await startMcp(dir.dir)
    await post(`${listen.url}/hooks/before`, '{"early":true}')
  }, 180_000)

  afterAll(async () => {
    await mcp?.close()
    await listen?.stop()
    await dir?.cleanup()
  })

  it('is released by a matching POST sent after the call, not by earlier or other events', async () => {
    await post(`${listen.url}/hooks/later`, '{"already":"here"}')
    const known = (await mcp.call('list_events', {})).json.events.map((e: { id: string }) => e.id)
    const waiting = mcp.call('wait_for_event', { path: '/hooks/later', timeoutMs: 60_000 })
    await post(`${listen.url}/hooks/other`, '{"other":true}')
    const r = await postUntil(`${listen.url}/hooks/later`, waiting)
    expect(r.isError).toBe(false)
    expect(r.json.matched).toBe(true)
    expect(r.json.mode).toBe('live')
    expect(r.json.event.untrusted.path).toBe('/hooks/later')
    expect(known).not.toContain(r.json.event.id)
  })

  it('with afterId, returns the first matching event after that id', async () => {
    const list = (await mcp.call('list_events', {})).json.events
    const first = list[0].id
    const r = await mcp.call('wait_for_event', { afterId: first, path: '/hooks/later' })
    expect(r.json.matched).toBe(true)
    expect(r.json.event.untrusted.path).toBe('/hooks/later')
    expect(r.json.event.id > first).toBe(true)
  })

  it('times out with matched: false when nothing comes', async () => {
    const r = await mcp.call('wait_for_event', { path: '/hooks/never', timeoutMs: 300 })
    expect(r.isError).toBe(false)
    expect(r.json.matched).toBe(false)
    expect(r.json.note).toMatch(/no matching event within 300 ms/)
  })

  it('sends progress while it waits, so clients can keep extending their timeout', async () => {
    const progress: number[] = []
    const res = await mcp.client.callTool(
      { name: 'wait_for_event', arguments: { path: '/hooks/never', timeoutMs: 12_000 } },
      undefined,
      {
        onprogress: (p) => progress.push(p.progress),
        resetTimeoutOnProgress: true,
        timeout: 60_000,
      },
    )
    expect(res.isError).toBeFalsy()
    expect(progress.length).toBeGreaterThanOrEqual(1)
  })

  it('validates timeoutMs', async () => {
    const r = await mcp.call('wait_for_event', { timeoutMs: 10_000_000 })
    expect(r.isError).toBe(true)
    expect(r.text).toMatch(/timeoutMs/)
  })
})

describe('read-only on the data dir', () => {
  let dir: { dir: string; cleanup: () => Promise<void> }
  let listen: ListenHandle
  let mcp: Mcp

  beforeAll(async () => {
    dir = await tempDir('hooklens-mcp-ro-')
    listen = await startListen(['--data-dir', dir.dir]) // --no-ui: no control API
    mcp = await startMcp(dir.dir)
  }, 180_000)

  afterAll(async () => {
    await mcp?.close()
    await listen?.stop()
    await dir?.cleanup()
  })

  it('reads and waits by polling the log while a Hooklens without control API runs', async () => {
    const status = await mcp.call('get_status')
    expect(status.json).toMatchObject({ mode: 'read-only', running: true, receiverUrl: listen.url })
    const waiting = mcp.call('wait_for_event', { path: '/hooks/ro', timeoutMs: 60_000 })
    const r = await postUntil(`${listen.url}/hooks/ro`, waiting)
    expect(r.json).toMatchObject({ matched: true, mode: 'read-only' })
    const redrive = await mcp.call('redrive', { all: true })
    expect(redrive.isError).toBe(true)
    expect(redrive.text).toMatch(/needs the running Hooklens/)
  })

  it('still lists and shows events when nothing runs, and says the receiver is not there', async () => {
    await listen.stop()
    const status = await mcp.call('get_status')
    expect(status.json).toMatchObject({ mode: 'read-only', running: false })
    expect(status.json.note).toMatch(/no Hooklens is running/)
    const list = await mcp.call('list_events', { path: '/hooks/ro' })
    expect(list.json.count).toBeGreaterThan(0)
    const one = await mcp.call('get_event', { id: list.json.events[0].id })
    expect(one.json.untrusted.body).toBe('{"late":true}')
    const send = await mcp.call('send_sample', { platform: 'a2a' })
    expect(send.isError).toBe(true)
    expect(send.text).toMatch(/no Hooklens is receiving/)
  })
})
