/**
 * What `hooklens listen` prints: `--json` is the whole contract object (body included, the
 * same as `events show --json`), and a closed stdout (`listen --json | head -1`) ends listen
 * cleanly instead of crashing it; one-shot commands piped into `head` stop quietly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CapturedEvent } from '../../../shared/event'
import { runCli, startListen, BIN, ROOT } from '../../helpers/hooklens-cli'
import { tempDir } from '../../helpers/temp-dir'
import { spawn } from 'node:child_process'

let dir: { dir: string; cleanup: () => Promise<void> }
beforeAll(async () => (dir = await tempDir()))
afterAll(() => dir.cleanup())

const waitFor = async (check: () => boolean, what: string, ms = 10_000) => {
  const until = Date.now() + ms
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 25))
  }
}

describe('listen --json', () => {
  it(
    'prints the full contract object, the same as events show --json, field by field',
    { timeout: 90_000 },
    async () => {
      const listen = await startListen(['--data-dir', dir.dir, '--json'])
      const text = '{"type":"invoice.paid","id":"evt_1"}'
      const bytes = Buffer.from([0xff, 0x00, 0xfe, 0x10, 0x80])
      await fetch(`${listen.url}/text?x=1`, {
        method: 'POST',
        body: text,
        headers: { 'content-type': 'application/json', 'webhook-id': 'msg_1' },
      })
      await fetch(`${listen.url}/bytes`, { method: 'POST', body: bytes })
      await waitFor(() => listen.stdout().trim().split('\n').length >= 2, 'two printed events')
      await listen.stop()
      const printed = listen
        .stdout()
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as CapturedEvent)
      expect(printed[0].body).toBe(text)
      expect(printed[0].bodyEncoding).toBe('utf8')
      expect(printed[1].bodyEncoding).toBe('base64')
      expect(Buffer.from(printed[1].body, 'base64')).toEqual(bytes)
      for (const event of printed) {
        const shown = await runCli(['events', 'show', event.id, '--json', '--data-dir', dir.dir])
        expect(shown.code).toBe(0)
        const stored = JSON.parse(shown.stdout) as CapturedEvent
        expect(Object.keys(event).sort()).toEqual(Object.keys(stored).sort())
        for (const key of Object.keys(stored) as (keyof CapturedEvent)[]) {
          expect(event[key], key).toEqual(stored[key])
        }
      }
    },
  )
})

describe('a closed stdout', () => {
  it(
    'listen --json | head -1: listen answers, stores, and stops cleanly without a stack trace',
    { timeout: 90_000 },
    async () => {
      const d = await tempDir()
      const listen = await startListen(['--data-dir', d.dir, '--json'])
      const exited = new Promise<number | null>((r) => listen.child.once('exit', (code) => r(code)))
      expect((await fetch(`${listen.url}/one`, { method: 'POST', body: 'one' })).status).toBe(200)
      await waitFor(() => listen.stdout().includes('"/one"'), 'the first line')
      listen.child.stdout!.destroy() // what `head -1` does once it has its line
      // The next event's line hits the closed pipe; its sender still gets its answer.
      expect((await fetch(`${listen.url}/two`, { method: 'POST', body: 'two' })).status).toBe(200)
      expect(await exited).toBe(0)
      expect(listen.stderr()).toMatch(/stopping \(the reader of stdout went away\)/)
      expect(listen.stderr()).not.toMatch(/EPIPE|\n\s+at /)
      const list = await runCli(['events', 'list', '--json', '--data-dir', d.dir])
      expect(
        list.stdout
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l).path),
      ).toEqual(['/one', '/two'])
      await d.cleanup()
    },
  )

  it('events list | head -1 exits quietly', { timeout: 90_000 }, async () => {
    const d = await tempDir()
    const listen = await startListen(['--data-dir', d.dir])
    // Enough output (~180 KB) that it cannot all sit in the pipe before the reader goes away.
    const big = 'x'.repeat(6000)
    for (let i = 0; i < 30; i++) {
      await fetch(`${listen.url}/e/${i}`, { method: 'POST', headers: { 'x-pad': big }, body: 'b' })
    }
    await listen.stop()
    const result = await new Promise<{ code: number | null; stderr: string }>((res) => {
      const child = spawn(
        process.execPath,
        [BIN, 'events', 'list', '--json', '--data-dir', d.dir],
        {
          cwd: ROOT,
        },
      )
      let stderr = ''
      child.stderr.on('data', (c) => (stderr += c))
      child.stdout.once('data', () => child.stdout.destroy())
      child.on('close', (code) => res({ code, stderr }))
    })
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    await d.cleanup()
  })
})
