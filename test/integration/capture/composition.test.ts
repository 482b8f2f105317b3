/**
 * The composition root as transports see it, on a real receiver and data dir: `api` serves every
 * method of the contract (the tunnel's included, no 501 fallback), every push arrives through
 * the one route, and forwarding sends the bytes capture had in hand without reading them back.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { request } from 'undici'
import { API_METHODS, type ApiPush } from '../../../shared/api'
import { createHooklens, type Hooklens } from '../../../electron/core/hooklens/hooklens'
import { startHandler, type Handler } from '../replay/handler-server'
import { makeTempDir, removeTempDir } from '../../helpers/temp-dir'
import { SCHEME_IDS } from '../../../electron/core/verify/registry'

let dir: string
let h: Hooklens
let target: Handler
let pushes: ApiPush[]

beforeEach(async () => {
  dir = await makeTempDir('hooklens-compose-')
  target = await startHandler()
  h = await createHooklens({ dataDir: dir, port: 0, host: '127.0.0.1', forwardTo: [target.url] })
  await h.start()
  pushes = []
  h.subscribe((p) => pushes.push(p))
})
afterEach(async () => {
  await h.stop()
  await target.close()
  await removeTempDir(dir)
})

const waitFor = async (ok: () => boolean) => {
  for (let i = 0; i < 500 && !ok(); i++) await new Promise((r) => setTimeout(r, 10))
  expect(ok()).toBe(true)
}

describe('the composition root', () => {
  it('serves every API method, the tunnel group included', async () => {
    expect(Object.keys(h.api).sort()).toEqual([...API_METHODS].sort())
    await expect(h.api.getTunnelStatus({})).resolves.toMatchObject({
      state: 'disabled',
      reason: 'tunnel not started',
    })
    // No public URL yet: the snippets say so instead of failing.
    expect((await h.api.shareSnippets({})).warning).toBeTruthy()
  })

  it('lists every scheme the verify registry knows, for the verifier form', async () => {
    const schemes = await h.api.listSchemes({})
    expect(schemes.map((s) => s.id)).toEqual([...SCHEME_IDS])
    expect(schemes.find((s) => s.id === 'github')).toMatchObject({
      label: 'GitHub',
      headers: ['x-hub-signature-256'],
    })
  })

  it('forwards the bytes in hand: the event log is never read for it', async () => {
    const readBody = vi.spyOn(h.store, 'readBody')
    const body = Buffer.from([0x7b, 0x7d, 0x0d, 0x0a, 0xff])
    const res = await request(`${h.receiverUrl}/hooks`, { method: 'POST', body })
    expect(res.statusCode).toBe(200)
    await res.body.dump()
    await waitFor(() => target.received.length === 1)
    expect(target.received[0].body.equals(body)).toBe(true)
    await waitFor(() =>
      pushes.some((p) => p.type === 'deliveryResult' && p.payload.status === 'delivered'),
    )
    expect(readBody).not.toHaveBeenCalled()
  })

  it('routes captures, pause, clears and deliveries to pushes', async () => {
    const res = await request(`${h.receiverUrl}/hooks`, { method: 'POST', body: '{}' })
    await res.body.dump()
    await h.api.setCapturePaused({ paused: true })
    await h.api.clearEvents({})
    await waitFor(() => pushes.some((p) => p.type === 'deliveryResult'))
    const types = pushes.map((p) => p.type)
    expect(types).toContain('eventCaptured')
    expect(pushes.find((p) => p.type === 'statusChanged')?.payload).toMatchObject({ paused: true })
    expect(pushes.find((p) => p.type === 'eventsCleared')?.payload).toEqual({ cleared: 1 })
    expect((await h.api.getStatus({})).paused).toBe(true)
  })
})
