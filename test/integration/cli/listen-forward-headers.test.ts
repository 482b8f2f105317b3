/**
 * `listen -H 'Name: value'` sets headers on every forwarded request (as Stripe CLI's
 * `--headers`), and `--body-timeout` bounds a trickling body: 408, recorded as rejected.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import { connect } from 'node:net'
import { runCli, startListen } from '../../helpers/hooklens-cli'
import { tempDir } from '../../helpers/temp-dir'

let dir: { dir: string; cleanup: () => Promise<void> }
let handler: Server
const received: IncomingHttpHeaders[] = []
beforeAll(async () => {
  dir = await tempDir()
  handler = createServer((req, res) => {
    received.push(req.headers)
    req.resume()
    req.on('end', () => res.end('ok'))
  })
  await new Promise<void>((r) => handler.listen(0, '127.0.0.1', () => r()))
})
afterAll(async () => {
  handler.close()
  await dir.cleanup()
})

describe('listen forwarding headers and time limits', () => {
  it('-H sets (replaces) headers on forwarded requests', { timeout: 90_000 }, async () => {
    const port = (handler.address() as { port: number }).port
    const listen = await startListen([
      '--data-dir',
      dir.dir,
      '--forward-to',
      `http://127.0.0.1:${port}/in`,
      '-H',
      'X-Debug-Run: 42',
      '--forward-header',
      'Authorization: Bearer local-handler',
    ])
    try {
      await fetch(`${listen.url}/hook`, {
        method: 'POST',
        body: '{"a":1}',
        headers: { 'content-type': 'application/json', authorization: 'Bearer from-sender' },
      })
      const until = Date.now() + 15_000
      while (received.length < 1 && Date.now() < until) await new Promise((r) => setTimeout(r, 50))
    } finally {
      await listen.stop()
    }
    expect(received).toHaveLength(1)
    expect(received[0]['x-debug-run']).toBe('42')
    expect(received[0].authorization).toBe('Bearer local-handler')
    expect(received[0]['content-type']).toBe('application/json')
  })

  it('-H without --forward-to is a usage error', { timeout: 60_000 }, async () => {
    const r = await runCli([
      'listen',
      '--data-dir',
      dir.dir,
      '--no-tunnel',
      '--no-ui',
      '-H',
      'A: b',
    ])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('--forward-header needs --forward-to')
  })

  it(
    '--body-timeout answers 408 and records the request as rejected',
    { timeout: 90_000 },
    async () => {
      const listen = await startListen(['--data-dir', dir.dir, '--body-timeout', '1', '--json'])
      let answer = ''
      try {
        const { port } = new URL(listen.url)
        answer = await new Promise<string>((resolve, reject) => {
          const sock = connect(Number(port), '127.0.0.1', () => {
            // Announce 100 bytes, send 5, then go quiet.
            sock.write('POST /slow HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nhello')
          })
          let got = ''
          sock.on('data', (d) => (got += d))
          sock.on('close', () => resolve(got))
          sock.on('error', reject)
          setTimeout(() => sock.destroy(), 20_000)
        })
        const until = Date.now() + 10_000
        while (!listen.stdout().includes('/slow') && Date.now() < until)
          await new Promise((r) => setTimeout(r, 50))
      } finally {
        await listen.stop()
      }
      expect(answer).toMatch(/^HTTP\/1\.1 408/)
      const event = JSON.parse(listen.stdout().trim().split('\n').pop()!) as { rejected: string }
      expect(event.rejected).toContain('body not received within 1 s')
    },
  )
})
