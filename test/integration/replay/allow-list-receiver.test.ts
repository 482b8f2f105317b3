/**
 * The source allow-list on a real receiver: the refusal the composition root gives capture
 * (`refuse: sourceRefusal(() => settings.allowList)`) answers 403 to senders
 * not on the list and records them as rejected; allowed origins and an empty list pass.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { request } from 'undici'
import { createHooklens, type Hooklens } from '../../../electron/core/hooklens/hooklens'
import { makeTempDir, removeTempDir } from '../../helpers/temp-dir'

let dir: string
let h: Hooklens

beforeAll(async () => {
  dir = await makeTempDir('hooklens-allow-')
  h = await createHooklens({ dataDir: dir, port: 0, host: '127.0.0.1' })
  await h.start()
})
afterAll(async () => {
  await h.stop()
  await removeTempDir(dir)
})

async function post(headers: Record<string, string> = {}) {
  const res = await request(`${h.receiverUrl}/agents/a1/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: '{"ticket":42}',
  })
  return { status: res.statusCode, body: await res.body.text() }
}

describe('receiver source allow-list', () => {
  it('lets everyone in while the list is empty', async () => {
    h.settings.update({ allowList: { ips: [], origins: [] } })
    expect((await post()).status).toBe(200)
  })

  it('refuses a sender outside the allowed IPs with 403 and records it as rejected', async () => {
    h.settings.update({ allowList: { ips: ['10.0.0.0/8'], origins: ['helpdesk.example.com'] } })
    const r = await post({ origin: 'https://evil.example.com' })
    expect(r.status).toBe(403)
    expect(JSON.parse(r.body).error).toBe(
      'source not allowed: source 127.0.0.1 is not on the allow-list',
    )
    const last = h.store.list().at(-1)!
    expect(last.rejected).toContain('source not allowed')
    expect(last.response.status).toBe(403)
  })

  it('admits an allowed Origin (advisory, no IP rule) or an allowed IP', async () => {
    // With an IP rule in place, a listed Origin does not get past it (12.3).
    expect((await post({ origin: 'https://helpdesk.example.com' })).status).toBe(403)
    h.settings.update({ allowList: { ips: [], origins: ['helpdesk.example.com'] } })
    expect((await post({ origin: 'https://helpdesk.example.com' })).status).toBe(200)
    h.settings.update({ allowList: { ips: ['127.0.0.0/8'], origins: [] } })
    expect((await post()).status).toBe(200)
  })
})
