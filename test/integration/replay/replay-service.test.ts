/** ReplayService: the API methods (replayEvent, listDeliveries, redrive) and capture feeding. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ReplayService } from '../../../electron/core/replay'
import { emptyClassification, emptyVerification, type CapturedEvent } from '../../../shared/event'
import { startHandler, type Handler } from './handler-server'
import { makeTempDir, removeTempDir } from '../../helpers/temp-dir'

let dir: string
let h: Handler
beforeEach(async () => {
  dir = await makeTempDir('hooklens-svc-')
  h = await startHandler((r) => ({ status: r.url === '/fail' ? 400 : 200 }))
})
afterEach(async () => {
  await h.close()
  await removeTempDir(dir)
})

function captured(id: string, body: string): CapturedEvent {
  return {
    id,
    receivedAt: new Date().toISOString(),
    method: 'POST',
    path: '/hooks',
    query: '',
    headers: [['Content-Type', 'application/json']],
    size: body.length,
    sha256: '',
    remoteAddress: '127.0.0.1',
    via: 'local',
    forwardedFor: null,
    verification: emptyVerification(),
    idempotency: { key: id, source: 'sha256', status: 'first', firstId: id, count: 1 },
    classification: emptyClassification(),
    response: { status: 200, latencyMs: 1 },
    body,
    bodyEncoding: 'utf8',
  }
}

describe('ReplayService', () => {
  it('implements replayEvent, listDeliveries and redrive over the event log', async () => {
    const events = new Map([['01A', captured('01A', '{"a":1}')]])
    const svc = await ReplayService.open({
      dataDir: dir,
      events: {
        getFull: async (id) => events.get(id) ?? null,
        readBody: async (id) => (events.has(id) ? Buffer.from(events.get(id)!.body) : null),
        has: (id) => events.has(id),
      },
      verifiers: () => [],
    })
    const pushed: string[] = []
    svc.subscribe((d) => pushed.push(d.status))
    const api = svc.api()
    const ok = (await api.replayEvent({ id: '01A', to: h.url, body: '{"a":2}' })) as {
      status: string
      notes: string[]
    }
    expect(ok.status).toBe('delivered')
    expect(h.received[0].body.toString()).toBe('{"a":2}')
    expect(ok.notes).toEqual(['body replaced (7 → 7 bytes)'])
    const bad = (await api.replayEvent({ id: '01A', to: `${h.url}/fail` })) as {
      id: string
      status: string
    }
    expect(bad.status).toBe('failed')
    expect(await api.listDeliveries({ status: 'failed' })).toHaveLength(1)
    expect(await api.listDeliveries({ eventId: '01A' })).toHaveLength(2)
    await expect(api.replayEvent({ id: 'nope', to: h.url })).rejects.toThrow('no event nope')
    await expect(api.redrive({ id: 'nope' })).rejects.toThrow('no delivery nope')
    await expect(api.redrive({})).rejects.toThrow('needs a delivery id')
    expect(pushed).toEqual(['delivered', 'failed'])
    await svc.close()
  })

  it('forwards captured events in capture order to session targets and saved rules', async () => {
    const events = new Map<string, CapturedEvent>()
    const svc = await ReplayService.open({
      dataDir: dir,
      events: {
        getFull: async (id) => events.get(id) ?? null,
        readBody: async (id) => Buffer.from(events.get(id)?.body ?? ''),
        has: (id) => events.has(id),
      },
      verifiers: () => [],
      rules: () => [{ id: 'saved', targets: [`${h.url}/saved`], filter: { path: '/hooks' } }],
      sessionTargets: [`${h.url}/session`],
    })
    for (const n of [1, 2, 3]) {
      const e = captured(`01E${n}`, `{"n":${n}}`)
      events.set(e.id, e)
      svc.onCaptured(e, Buffer.from(e.body))
    }
    svc.onCaptured({ ...captured('01R', 'x'), rejected: 'source not allowed' }, Buffer.from('x'))
    await new Promise((r) => setTimeout(r, 50))
    await svc.forwarder.idle()
    const byPath = (p: string) =>
      h.received.filter((r) => r.url === p).map((r) => r.body.toString())
    expect(byPath('/session')).toEqual(['{"n":1}', '{"n":2}', '{"n":3}'])
    expect(byPath('/saved')).toEqual(['{"n":1}', '{"n":2}', '{"n":3}'])
    expect(await svc.listDeliveries({ status: 'delivered' })).toHaveLength(6)
    await svc.close()
  })
})
