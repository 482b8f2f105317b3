/**
 * Bad input gets a clear usage error (exit 2) before anything starts, and a broken
 * settings.json is reported by every command and never moved or overwritten by one that only
 * reads it (or by one that would write defaults over it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { existsSync } from 'node:fs'
import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { runCli } from '../../helpers/hooklens-cli'
import { tempDir } from '../../helpers/temp-dir'
import { getScheme, SCHEME_IDS } from '../../../electron/core/verify/registry'

let dir: { dir: string; cleanup: () => Promise<void> }
beforeAll(async () => (dir = await tempDir()))
afterAll(() => dir.cleanup())

describe('an unreadable settings.json', () => {
  const BROKEN = '{"verifiers": [ {"id": "v1", "scheme": "github", "secrets": ["s3cret"]} ,,, '

  it(
    'is reported, and never moved or replaced, by secrets list / add / remove',
    { timeout: 90_000 },
    async () => {
      const d = await tempDir()
      const file = join(d.dir, 'settings.json')
      await writeFile(file, BROKEN)
      const list = await runCli(['secrets', 'list', '--data-dir', d.dir])
      expect(list.code).toBe(1)
      expect(list.stderr).toMatch(/settings\.json could not be read/)
      expect(list.stdout).not.toMatch(/no verifiers saved/)
      const add = await runCli(['secrets', 'add', 'github', 'abc', '--data-dir', d.dir])
      expect(add.code).toBe(1)
      expect(add.stderr).toMatch(/settings\.json could not be read.*Nothing was changed/)
      const remove = await runCli(['secrets', 'remove', 'v1', '--data-dir', d.dir])
      expect(remove.code).toBe(1)
      const events = await runCli(['events', 'list', '--data-dir', d.dir])
      expect(events.code).toBe(0)
      expect(await readFile(file, 'utf8')).toBe(BROKEN)
      expect(await readdir(d.dir)).toEqual(['settings.json'])
      await d.cleanup()
    },
  )
})

describe('input validation', () => {
  it(
    'a data dir that does not exist is a usage error for read-only commands, and is not created',
    { timeout: 90_000 },
    async () => {
      const missing = join(dir.dir, 'typo')
      for (const args of [
        ['events', 'list'],
        ['events', 'show', 'last'],
        ['secrets', 'list'],
        ['deliveries'],
        ['verify', 'last'],
      ]) {
        const r = await runCli([...args, '--data-dir', missing])
        expect(r.code, args.join(' ')).toBe(2)
        expect(r.stderr).toMatch(/no data dir at .*typo/)
      }
      expect(existsSync(missing)).toBe(false)
    },
  )

  it('a data dir that is a file is a usage error, not ENOTDIR', { timeout: 90_000 }, async () => {
    const file = join(dir.dir, 'a-file')
    await writeFile(file, 'x')
    for (const args of [
      ['events', 'list'],
      ['secrets', 'add', 'github', 'abc'],
      ['listen', '--port', '0', '--no-tunnel', '--no-ui'],
    ]) {
      const r = await runCli([...args, '--data-dir', file])
      expect(r.code, args.join(' ')).toBe(2)
      expect(r.stderr).toMatch(/is a file, not a folder/)
      expect(r.stderr).not.toMatch(/ENOTDIR/)
    }
  })

  it('--verification takes only real statuses', async () => {
    const bad = await runCli(['events', 'list', '--verification', 'bogus', '--data-dir', dir.dir])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/--verification: "bogus" is not a status/)
    const good = await runCli([
      'events',
      'list',
      '--verification',
      'valid,invalid',
      '--data-dir',
      dir.dir,
    ])
    expect(good.code).toBe(0)
  })

  it(
    '--forward-to, --tunnel-host and replay --to must be http(s) URLs',
    { timeout: 90_000 },
    async () => {
      for (const [flag, value] of [
        ['--forward-to', 'notaurl'],
        ['--forward-to', 'ftp://x'],
        ['--tunnel-host', 'localtunnel.me'],
      ]) {
        const r = await runCli([
          'listen',
          '--port',
          '0',
          '--no-ui',
          '--data-dir',
          dir.dir,
          flag,
          value,
        ])
        expect(r.code, `${flag} ${value}`).toBe(2)
        expect(r.stderr).toMatch(new RegExp(`${flag} must be an http:// or https:// URL`))
      }
      const replay = await runCli(['replay', 'last', '--to', 'ftp://x', '--data-dir', dir.dir])
      expect(replay.code).toBe(2)
    },
  )

  it('an empty --secret value is named as such', async () => {
    const r = await runCli([
      'listen',
      '--port',
      '0',
      '--no-tunnel',
      '--no-ui',
      '--secret',
      'github=',
      '--data-dir',
      dir.dir,
    ])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/--secret github= has an empty secret.*--secret-env github=VAR/)
    const unknown = await runCli(['listen', '--secret', 'gihtub=x', '--data-dir', dir.dir])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toMatch(/unknown scheme "gihtub".*hooklens schemes/)
  })
})

describe('hooklens schemes', () => {
  it('lists every scheme id with the headers and signed content from the registry', async () => {
    const r = await runCli(['schemes', '--json'])
    expect(r.code).toBe(0)
    const list = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; headers: string[]; signed: string })
    expect(list.map((s) => s.id)).toEqual(SCHEME_IDS)
    const github = list.find((s) => s.id === 'github')!
    expect(github.headers).toEqual(getScheme('github').headers)
    expect(github.signed).toBe('the raw body')
    expect(list.find((s) => s.id === 'a2a-notification-token')!.signed).toMatch(/^nothing/)
    const text = await runCli(['schemes'])
    expect(text.stdout).toMatch(/^stripe\s+Stripe\n\s+headers: stripe-signature/m)
  })
})
