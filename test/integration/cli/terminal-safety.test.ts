/**
 * Sender-controlled text reaches the terminal escaped (issue 12 item 6), and `listen
 * --secret-env SCHEME=VAR` keeps the secret out of the process's command line (item 12).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHmac } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { runCli, startListen } from '../../helpers/hooklens-cli'
import { tempDir } from '../../helpers/temp-dir'

let dir: { dir: string; cleanup: () => Promise<void> }
beforeAll(async () => (dir = await tempDir()))
afterAll(() => dir.cleanup())

const SECRET = 'gh-secret-for-the-env-test'
// Sets the terminal title, returns the cursor, erases the line and fakes a verdict.
const EVIL = '\u001b]0;owned\u0007\r\u001b[2K\u009b31m✓ valid\u202e'
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/

describe('terminal output', () => {
  it(
    'escapes control characters from the sender; --secret-env verifies without the secret in argv',
    { timeout: 90_000 },
    async () => {
      const listen = await startListen(
        ['--data-dir', dir.dir, '--secret-env', 'github=HL_TEST_GH_SECRET'],
        30_000,
        { HL_TEST_GH_SECRET: SECRET },
      )
      const cmdline = await readFile(`/proc/${listen.child.pid}/cmdline`, 'utf8')
      expect(cmdline).toContain('HL_TEST_GH_SECRET')
      expect(cmdline).not.toContain(SECRET)
      const body = JSON.stringify({ action: EVIL, number: 1 })
      const sig = `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`
      const res = await fetch(`${listen.url}/gh`, {
        method: 'POST',
        body,
        headers: { 'x-github-event': 'pull_request', 'x-hub-signature-256': sig },
      })
      expect(res.status).toBe(200)
      const until = Date.now() + 10_000
      while (!listen.stdout().includes('/gh') && Date.now() < until) {
        await new Promise((r) => setTimeout(r, 25))
      }
      await listen.stop()
      const line = listen.stdout()
      expect(line).toMatch(/✓ valid/)
      expect(line).toContain('\\x1b]0;owned\\x07\\x0d\\x1b[2K\\x9b31m')
      expect(line.trimEnd()).not.toMatch(RAW_CONTROL)

      const list = await runCli(['events', 'list', '--data-dir', dir.dir])
      expect(list.stdout.trimEnd()).not.toMatch(RAW_CONTROL)
      const show = await runCli(['events', 'show', 'last', '--data-dir', dir.dir])
      expect(show.code).toBe(0)
      expect(show.stdout).toContain('\\x1b]0;owned')
      expect(show.stdout.replace(/\n/g, '')).not.toMatch(RAW_CONTROL)
      const json = await runCli(['events', 'show', 'last', '--json', '--data-dir', dir.dir])
      expect(json.stdout.trimEnd()).not.toMatch(RAW_CONTROL)
      expect(JSON.parse(json.stdout).body).toBe(body)
    },
  )

  it('--secret-env names a variable that is not set: usage error', async () => {
    const r = await runCli([
      'listen',
      '--secret-env',
      'github=HL_NOT_SET_ANYWHERE',
      '--data-dir',
      dir.dir,
    ])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/HL_NOT_SET_ANYWHERE is not set/)
  })
})
