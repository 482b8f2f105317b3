/**
 * `send --save-secret` makes a sample sent to our own listen verifiable (it printed the secret
 * it used, yet the event was "unverifiable"), `verify --text` gives a readable verdict, and
 * `events list --color` paints it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CapturedEvent } from '../../../shared/event'
import { runCli, startListen } from '../../helpers/hooklens-cli'
import { tempDir } from '../../helpers/temp-dir'

let dir: { dir: string; cleanup: () => Promise<void> }
beforeAll(async () => (dir = await tempDir()))
afterAll(() => dir.cleanup())

describe('send --save-secret and verify --text', () => {
  it(
    'the sample is verified valid by the running listen, and verify says so in words',
    { timeout: 120_000 },
    async () => {
      const listen = await startListen(['--data-dir', dir.dir])
      const sent = await runCli(['send', 'github', '--save-secret', '--data-dir', dir.dir])
      expect(sent.code).toBe(0)
      expect(sent.stderr).toMatch(/saved verifier v_\w+ \(github, path \/hooks\/github/)
      let event: CapturedEvent | null = null
      const until = Date.now() + 20_000
      while (Date.now() < until) {
        const shown = await runCli(['events', 'show', 'last', '--json', '--data-dir', dir.dir])
        event = shown.code === 0 ? (JSON.parse(shown.stdout) as CapturedEvent) : null
        if (event?.verification.status === 'valid') break
        await new Promise((r) => setTimeout(r, 200))
      }
      await listen.stop()
      expect(event?.verification.status).toBe('valid')
      const again = await runCli([
        'send',
        'github',
        '--save-secret',
        '--to',
        'http://127.0.0.1:1/hooks/github',
        '--data-dir',
        dir.dir,
      ])
      expect(again.stderr).toMatch(/already has this secret/)

      const text = await runCli(['verify', 'last', '--text', '--data-dir', dir.dir])
      expect(text.code).toBe(0)
      expect(text.stdout).toMatch(/^✓ valid {2}github {2}event [0-9A-Z]{26}\n {2}\S/)
      const json = await runCli(['verify', 'last', '--data-dir', dir.dir])
      expect(JSON.parse(json.stdout)).toMatchObject({ status: 'valid', scheme: 'github' })

      // --color paints the verdict even with NO_COLOR set (runCli sets it); without, no colour.
      const colored = await runCli(['events', 'list', '--color', '--data-dir', dir.dir])
      expect(colored.stdout).toContain('\u001b[32m✓ valid\u001b[0m')
      const plain = await runCli(['events', 'list', '--data-dir', dir.dir])
      expect(plain.stdout).not.toContain('\u001b')
    },
  )
})
