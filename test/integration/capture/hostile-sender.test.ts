/**
 * What a hostile sender (or a browser that opened the inspector) can do to a real receiver
 * (issue 12.2, 12.4): our own inspector cookie is never captured, and a sender trickling its
 * headers or its body is cut off — the body case recorded as rejected and answered 408.
 */
import { readFile, readdir } from 'node:fs/promises'
import { connect } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { request } from 'undici'
import { createHooklens, type Hooklens } from '../../../electron/core/hooklens/hooklens'
import { makeTempDir, removeTempDir } from '../../helpers/temp-dir'

let dir: string
let h: Hooklens

beforeAll(async () => {
  dir = await makeTempDir('hooklens-hostile-')
  h = await createHooklens({ dataDir: dir, port: 0, host: '127.0.0.1' })
  const s = h.settings.get()
  h.settings.update({ receiver: { ...s.receiver, headersTimeoutSec: 0.5, bodyTimeoutSec: 0.3 } })
  await h.start()
})
afterAll(async () => {
  await h.stop()
  await removeTempDir(dir)
})

/** Writes `chunks` on a raw socket and resolves with everything the server sent until close. */
function rawExchange(first: string): Promise<string> {
  const { port } = new URL(h.receiverUrl)
  return new Promise((resolve, reject) => {
    const sock = connect(Number(port), '127.0.0.1', () => sock.write(first))
    let got = ''
    sock.on('data', (d) => (got += d.toString('latin1')))
    sock.on('close', () => resolve(got))
    sock.on('error', reject)
  })
}

async function logText(): Promise<string> {
  const files = (await readdir(dir)).filter((f) => f.startsWith('events'))
  let text = ''
  for (const f of files) text += await readFile(join(dir, f), 'latin1').catch(() => '')
  return text
}

describe("the inspector's cookie (12.2)", () => {
  it('is stripped from Cookie on capture; the sender’s own cookies are kept', async () => {
    const res = await request(`${h.receiverUrl}/browser`, {
      method: 'POST',
      headers: {
        cookie:
          'session=abc; hooklens_token_43123=TOPSECRET1; theme=dark; hooklens_token=TOPSECRET2',
      },
      body: 'x',
    })
    await res.body.text()
    const only = await request(`${h.receiverUrl}/only`, {
      headers: { cookie: 'hooklens_token_5=TOPSECRET3' },
    })
    await only.body.text()
    const [onlyEvent, first] = h.store.list().slice(-2).reverse()
    const full = (await h.store.getFull(first.id))!
    expect(full.path).toBe('/browser')
    expect(full.headers.find(([k]) => k.toLowerCase() === 'cookie')?.[1]).toBe(
      'session=abc; theme=dark',
    )
    const alone = (await h.store.getFull(onlyEvent.id))!
    expect(alone.headers.some(([k]) => k.toLowerCase() === 'cookie')).toBe(false)
    expect(await logText()).not.toContain('TOPSECRET')
  })
})

describe('slow senders (12.4)', () => {
  it('a body not received in time is recorded as rejected and answered 408', async () => {
    const reply = await rawExchange(
      'POST /slow HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n\r\nonly ten b',
    )
    expect(reply).toMatch(/^HTTP\/1\.1 408 /)
    expect(reply).toContain('body not received within 0.3 s')
    const last = h.store.list().at(-1)!
    expect(last.path).toBe('/slow')
    expect(last.rejected).toBe('rejected: body not received within 0.3 s')
    expect(last.response.status).toBe(408)
  })

  it('headers not received in time get 408 and the connection is closed', async () => {
    const before = h.store.count
    const reply = await rawExchange('POST /never HTTP/1.1\r\nHost: x\r\nX-Slow: 1\r\n')
    expect(reply).toMatch(/^HTTP\/1\.1 408 /)
    expect(h.store.count).toBe(before)
  })
})
