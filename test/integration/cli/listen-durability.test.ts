/**
 * `hooklens listen` as a user runs it: kill -9 in the middle of a burst loses no acknowledged
 * request, and `events list/show --json` print the event contract field by field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { request } from 'node:http'
import type { CapturedEvent } from '../../../shared/event'
import { runCli, startListen } from '../../helpers/hooklens-cli'
import { tempDir } from '../../helpers/temp-dir'

let dir: { dir: string; cleanup: () => Promise<void> }
beforeAll(async () => (dir = await tempDir()))
afterAll(() => dir.cleanup())

function post(port: number, path: string, body: string): Promise<number> {
  return new Promise((res) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        agent: false,
      },
      (r) => {
        r.resume()
        r.on('end', () => res(r.statusCode ?? 0))
      },
    )
    req.on('error', () => res(0))
    req.end(body)
  })
}

describe('kill -9 durability', () => {
  it(
    'every request that got a 2xx is in events list after a restart',
    { timeout: 90_000 },
    async () => {
      const listen = await startListen(['--data-dir', dir.dir, '--json'])
      const acked: string[] = []
      const sends: Promise<void>[] = []
      let killed = false
      // Keep ~30 requests in flight; kill -9 once 50 were acknowledged, mid-stream.
      for (let i = 0; i < 400 && !killed; i++) {
        const marker = `req-${i}`
        sends.push(
          post(listen.port, `/burst/${i}`, JSON.stringify({ marker })).then((status) => {
            if (status >= 200 && status < 300) acked.push(marker)
            if (acked.length >= 50 && !killed) {
              killed = true
              listen.child.kill('SIGKILL')
            }
          }),
        )
        if (sends.length % 30 === 0)
          await Promise.race([...sends.slice(-30), new Promise((r) => setTimeout(r, 50))])
      }
      await Promise.all(sends)
      expect(killed).toBe(true)
      expect(acked.length).toBeGreaterThanOrEqual(50)

      const restarted = await startListen(['--data-dir', dir.dir])
      await restarted.stop()
      expect(restarted.stderr()).toMatch(/\d+ stored events loaded/)

      const list = await runCli(['events', 'list', '--json', '--data-dir', dir.dir])
      expect(list.code).toBe(0)
      const events = list.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as CapturedEvent)
      const paths = new Set(events.map((e) => e.path))
      for (const marker of acked) expect(paths.has(`/burst/${marker.slice(4)}`)).toBe(true)
    },
  )
})

describe('events list/show --json speak the contract', () => {
  it('field by field', { timeout: 90_000 }, async () => {
    const listen = await startListen(['--data-dir', dir.dir, '--json'])
    const body = '{"type":"invoice.paid","id":"evt_1"}'
    const res = await fetch(`${listen.url}/contract?x=1`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', 'webhook-id': 'msg_contract' },
    })
    expect(res.status).toBe(200)
    await new Promise((r) => setTimeout(r, 200))
    const printed = JSON.parse(listen.stdout().trim().split('\n').at(-1)!) as CapturedEvent
    await listen.stop()

    const shown = await runCli(['events', 'show', printed.id, '--json', '--data-dir', dir.dir])
    expect(shown.code).toBe(0)
    const event = JSON.parse(shown.stdout) as CapturedEvent
    expect(event.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/)
    expect(event.receivedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
    expect(event.method).toBe('POST')
    expect(event.path).toBe('/contract')
    expect(event.query).toBe('x=1')
    expect(event.headers).toContainEqual(['webhook-id', 'msg_contract'])
    expect(event.body).toBe(body)
    expect(event.bodyEncoding).toBe('utf8')
    expect(event.size).toBe(Buffer.byteLength(body))
    expect(event.sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(event.remoteAddress).toMatch(/127\.0\.0\.1/)
    expect(event.via).toBe('local')
    expect(event.forwardedFor).toBeNull()
    expect(event.verification).toMatchObject({ status: 'none' })
    expect(typeof event.verification.reason).toBe('string')
    expect(event.idempotency).toMatchObject({
      key: 'msg_contract',
      source: 'header:webhook-id',
      status: 'first',
      firstId: event.id,
      count: 1,
    })
    expect(event.classification).toHaveProperty('platform')
    expect(event.classification).toHaveProperty('eventType')
    expect(event.classification).toHaveProperty('subject')
    expect(event.response.status).toBe(200)
    expect(typeof event.response.latencyMs).toBe('number')
    // --json on listen printed the same event, body included.
    expect(printed).toEqual(event)

    const list = await runCli(['events', 'list', '--json', '--limit', '1', '--data-dir', dir.dir])
    expect(JSON.parse(list.stdout).id).toBe(event.id)
    const raw = await runCli(['events', 'show', event.id, '--body', '--data-dir', dir.dir])
    expect(raw.stdout).toBe(body)
  })

  it('exit codes: 2 for usage, 1 for failure', { timeout: 90_000 }, async () => {
    expect((await runCli(['listen', '--port', 'nope'])).code).toBe(2)
    expect((await runCli(['events', 'list', '--limit', '0'])).code).toBe(2)
    const missing = await runCli(['events', 'show', 'NOPE', '--data-dir', dir.dir])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toMatch(/no event NOPE/)
  })

  it('a port in use is a clear error', { timeout: 90_000 }, async () => {
    const first = await startListen(['--data-dir', (await tempDir()).dir])
    const second = await runCli([
      'listen',
      '--port',
      String(first.port),
      '--no-tunnel',
      '--no-ui',
      '--data-dir',
      (await tempDir()).dir,
    ])
    await first.stop()
    expect(second.code).toBe(1)
    expect(second.stderr).toMatch(/port \d+ is already in use.*--port 0/)
  })
})
