// No secret string appears in any output: verdicts, reasons and diagnoses for every vector with
// the right and a wrong secret, misconfigured keys, logger calls, and the CLI's stdout/stderr.
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { maskSecret, verifyRequest, type VerifierConfig } from '../../../electron/core/verify'
import { loadVectors, vectorInput } from '../../unit/verify/helpers'
import { runInProcess } from './cli-helpers'
import { makeTempDir, removeTempDir } from '../../helpers/temp-dir'

const vectors = loadVectors()
const WRONG = 'wrong-secret-9f8e7d6c5b4a'
let dir: string

/** Secrets long enough that finding them in text cannot be a coincidence. */
const secrets = [...new Set([...vectors.map((v) => v.secret), WRONG])].filter((s) => s.length >= 6)

function assertClean(text: string, context: string) {
  for (const s of secrets) {
    expect(text.includes(s), `${context} leaks a secret`).toBe(false)
    // A secret's core without its well-known prefix must not leak either.
    const core = s.replace(/^(whsec_|whpk_|Bearer )/, '')
    if (core.length >= 8) expect(text.includes(core), `${context} leaks a secret`).toBe(false)
  }
}

beforeAll(async () => {
  dir = await makeTempDir('hooklens-leak-')
})
afterAll(() => removeTempDir(dir))

describe('no secret in any output', () => {
  it('verdicts for every vector, with right, wrong and rotated secrets and cross-verifier diagnosis', async () => {
    const logged: string[] = []
    const logger = {
      warn: (m: string, d?: unknown) => logged.push(m + JSON.stringify(d)),
      debug: (m: string, d?: unknown) => logged.push(m + JSON.stringify(d)),
    }
    for (const v of vectors) {
      const setups: VerifierConfig[][] = [
        [{ id: 'a', scheme: v.scheme, secrets: [v.secret] }],
        [{ id: 'a', scheme: v.scheme, secrets: [WRONG] }],
        [
          { id: 'a', scheme: v.scheme, secrets: [WRONG, 'x' + v.secret], path: '/never' },
          { id: 'b', scheme: 'auto', secrets: [WRONG] },
          { id: 'c', scheme: v.scheme, secrets: [v.secret + 'x', WRONG] },
        ],
      ]
      for (const verifiers of setups) {
        const r = await verifyRequest(vectorInput(v), verifiers, { logger })
        assertClean(JSON.stringify(r), `${v.id} verdict`)
      }
    }
    assertClean(logged.join('\n'), 'logger')
  })

  it('masks secrets', () => {
    for (const s of secrets) {
      const m = maskSecret(s)
      expect(m).toContain('****')
      assertClean(m, 'mask')
    }
  })

  it('CLI stdout and stderr, including errors', async () => {
    let all = ''
    for (const v of vectors.filter((_, i) => i % 4 === 0)) {
      const file = join(dir, `${v.id.replace(/\W/g, '_')}.json`)
      await writeFile(
        file,
        JSON.stringify({ method: v.method, url: v.url, headers: v.headers, body: v.body }),
      )
      for (const secret of [v.secret, WRONG]) {
        const r = await runInProcess([
          'verify',
          '--scheme',
          v.scheme,
          '--secret',
          secret,
          '--at',
          String(v.now),
          file,
        ])
        all += r.stdout + r.stderr
      }
    }
    for (const args of [
      ['secrets', 'add', 'discord', WRONG, '--data-dir', dir],
      ['secrets', 'add', 'sendgrid', WRONG, '--data-dir', dir],
      ['secrets', 'add', 'a2a-jwt', `{"keys":[{"kty":"${WRONG}"}]}`, '--data-dir', dir],
      ['secrets', 'add', 'github', WRONG, '--data-dir', dir],
      ['secrets', 'list', '--data-dir', dir],
      ['secrets', 'list', '--json', '--data-dir', dir],
    ]) {
      const r = await runInProcess(args)
      all += r.stdout + r.stderr
    }
    expect(all).toContain('****')
    assertClean(all, 'CLI output')
  })
})
