// `hooklens secrets list` shows secrets through the one mask (verify/mask.ts): nothing of a
// short secret, the last four characters of a long one, in text and JSON.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeTempDir, removeTempDir } from '../../helpers/temp-dir'
import { runInProcess } from './cli-helpers'

const SHORT = 'abcdefghi'
const LONG = 'gh-webhook-secret-4f9a2c'
let dir: string

beforeAll(async () => {
  dir = await makeTempDir('hooklens-mask-cli-')
})
afterAll(() => removeTempDir(dir))

describe('hooklens secrets list', () => {
  it('masks short and long secrets by the one rule', async () => {
    for (const [scheme, secret] of [
      ['github', SHORT],
      ['stripe', LONG],
    ]) {
      const add = await runInProcess(['secrets', 'add', scheme, secret, '--data-dir', dir])
      expect(add.code, add.stderr).toBe(0)
      expect(add.stdout).not.toContain(secret)
    }
    const json = await runInProcess(['secrets', 'list', '--json', '--data-dir', dir])
    const list = JSON.parse(json.stdout) as { scheme: string; secrets: string[] }[]
    expect(list.map((v) => [v.scheme, v.secrets])).toEqual([
      ['github', ['****']],
      ['stripe', ['****9a2c']],
    ])
    const text = await runInProcess(['secrets', 'list', '--data-dir', dir])
    expect(text.stdout).toContain('****9a2c')
    expect(text.stdout).not.toContain('fghi')
    expect(text.stdout).not.toContain(LONG)
  })
})
