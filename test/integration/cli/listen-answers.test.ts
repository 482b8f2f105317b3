/**
 * `hooklens listen` details a user trips over: an error answer that looks like one (JSON error,
 * Retry-After), a taken inspector port said plainly, a wildcard bind shown as such, SIGHUP
 * releasing the data dir, gzip bodies readable in `events show`, "1 stored event".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { existsSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { runCli, startListen } from '../../helpers/hooklens-cli'
import { tempDir } from '../../helpers/temp-dir'

let dir: { dir: string; cleanup: () => Promise<void> }
beforeAll(async () => (dir = await tempDir()))
afterAll(() => dir.cleanup())

describe('listen answers and lifecycle', () => {
  it(
    '--respond 429 answers a JSON error with Retry-After (not {"ok":true})',
    { timeout: 90_000 },
    async () => {
      const d = await tempDir()
      const listen = await startListen(['--data-dir', d.dir, '--respond', '429'])
      const res = await fetch(`${listen.url}/hook`, { method: 'POST', body: '{}' })
      expect(res.status).toBe(429)
      expect(res.headers.get('retry-after')).toBe('10')
      expect(await res.json()).toEqual({ error: 'Too Many Requests', status: 429 })
      await listen.stop()
      const custom = await startListen([
        '--data-dir',
        d.dir,
        '--respond',
        '503',
        '--respond-header',
        'Retry-After: 2',
        '--respond-body',
        'down',
      ])
      const res2 = await fetch(`${custom.url}/hook`, { method: 'POST', body: '{}' })
      expect(res2.headers.get('retry-after')).toBe('2')
      expect(await res2.text()).toBe('down')
      await custom.stop()
      await d.cleanup()
    },
  )

  it(
    'Ctrl-C during --respond-delay still sends the answer that was stored',
    { timeout: 90_000 },
    async () => {
      const d = await tempDir()
      const listen = await startListen([
        '--data-dir',
        d.dir,
        '--respond',
        '429',
        '--respond-delay',
        '60000',
      ])
      const answer = fetch(`${listen.url}/slow`, { method: 'POST', body: '{}' }).then(
        (r) => r.status,
        (err: Error) => `failed: ${err.message}`,
      )
      const until = Date.now() + 20_000
      while (!listen.stdout().includes('/slow') && Date.now() < until) {
        await new Promise((r) => setTimeout(r, 25))
      }
      const exited = new Promise<number | null>((r) => listen.child.once('exit', (c) => r(c)))
      listen.child.kill('SIGINT')
      expect(await answer).toBe(429)
      expect(await exited).toBe(0)
      const list = await runCli(['events', 'list', '--json', '--data-dir', d.dir])
      expect(JSON.parse(list.stdout).response.status).toBe(429)
      await d.cleanup()
    },
  )

  it('an inspector port in use is a clear error', { timeout: 90_000 }, async () => {
    const blocker: Server = createServer()
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()))
    const port = (blocker.address() as { port: number }).port
    const r = await runCli([
      'listen',
      '--port',
      '0',
      '--no-tunnel',
      '--ui-port',
      String(port),
      '--data-dir',
      dir.dir,
    ])
    blocker.close()
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(
      new RegExp(`inspector port ${port} is already in use.*--ui-port 0.*--no-ui`),
    )
    expect(r.stderr).not.toMatch(/EADDRINUSE/)
  })

  it(
    '--host 0.0.0.0 says it listens on every interface; SIGHUP releases the lock; "1 stored event"; gzip shown decoded',
    { timeout: 120_000 },
    async () => {
      const d = await tempDir()
      const listen = await startListen(['--data-dir', d.dir, '--host', '0.0.0.0'])
      expect(listen.stderr()).toMatch(
        new RegExp(`every network interface \\(bound to 0\\.0\\.0\\.0:${listen.port}\\)`),
      )
      const text = '{"type":"order.created","note":"compressed"}'
      await fetch(`http://127.0.0.1:${listen.port}/gz`, {
        method: 'POST',
        body: gzipSync(text),
        headers: { 'content-encoding': 'gzip', 'content-type': 'application/json' },
      })
      const exited = new Promise<number | null>((r) => listen.child.once('exit', (c) => r(c)))
      listen.child.kill('SIGHUP')
      expect(await exited).toBe(0)
      expect(existsSync(join(d.dir, 'events.lock'))).toBe(false)
      const again = await startListen(['--data-dir', d.dir])
      expect(again.stderr()).toMatch(/^1 stored event loaded$/m)
      await again.stop()
      const show = await runCli(['events', 'show', 'last', '--data-dir', d.dir])
      expect(show.stdout).toMatch(/gzip, \d+ B decoded/)
      expect(show.stdout).toContain(text)
      await d.cleanup()
    },
  )
})
