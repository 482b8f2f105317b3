/** `listen --events TYPES --path GLOB`: only matching events are printed and forwarded; all are stored. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServer, type Server } from 'node:http'
import { runCli, startListen } from '../../helpers/hooklens-cli'
import { tempDir } from '../../helpers/temp-dir'

let dir: { dir: string; cleanup: () => Promise<void> }
let handler: Server
const received: string[] = []
beforeAll(async () => {
  dir = await tempDir()
  handler = createServer((req, res) => {
    received.push(req.url ?? '')
    req.resume()
    req.on('end', () => res.end('ok'))
  })
  await new Promise<void>((r) => handler.listen(0, '127.0.0.1', () => r()))
})
afterAll(async () => {
  handler.close()
  await dir.cleanup()
})

const github = (url: string, event: string, action: string) =>
  fetch(url, {
    method: 'POST',
    body: JSON.stringify({ action }),
    headers: { 'x-github-event': event, 'content-type': 'application/json' },
  })

describe('listen --events / --path', () => {
  it(
    'prints and forwards only matching events, stores every one',
    { timeout: 90_000 },
    async () => {
      const port = (handler.address() as { port: number }).port
      const listen = await startListen([
        '--data-dir',
        dir.dir,
        '--events',
        'pull_request.*,issues.closed',
        '--path',
        '/gh',
        '--forward-to',
        `http://127.0.0.1:${port}/in`,
        '--json',
      ])
      await github(`${listen.url}/gh`, 'pull_request', 'opened')
      await github(`${listen.url}/gh`, 'push', '')
      await github(`${listen.url}/other`, 'pull_request', 'opened')
      await github(`${listen.url}/gh/sub`, 'issues', 'closed')
      const until = Date.now() + 15_000
      while (received.length < 2 && Date.now() < until) await new Promise((r) => setTimeout(r, 50))
      await new Promise((r) => setTimeout(r, 300))
      await listen.stop()
      const printed = listen
        .stdout()
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { path: string })
      expect(printed.map((e) => e.path)).toEqual(['/gh', '/gh/sub'])
      expect(received).toHaveLength(2)
      const all = await runCli(['events', 'list', '--json', '--data-dir', dir.dir])
      expect(all.stdout.trim().split('\n')).toHaveLength(4)
    },
  )
})
