/** Settings in the data dir: defaults, round trip, and invalid files backed up and reported. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { openSettings } from '../../../electron/core/settings/settings-store'
import { resolveDataDir } from '../../../electron/core/settings/data-dir'
import { tempDir } from '../../helpers/temp-dir'

let dir: string
let cleanup: () => Promise<void>
beforeEach(async () => ({ dir, cleanup } = await tempDir()))
afterEach(() => cleanup())

describe('settings', () => {
  it('starts from defaults and round-trips an update', () => {
    const s = openSettings(dir)
    expect(s.get().retention).toEqual({ maxEvents: 10_000, maxBytes: 1024 ** 3 })
    s.update({ retention: { maxEvents: 5, maxBytes: 1000 } })
    s.close()
    expect(openSettings(dir).get().retention.maxEvents).toBe(5)
  })

  it('an unparseable file is backed up and reported, defaults in use', async () => {
    await writeFile(join(dir, 'settings.json'), '{ this is not json')
    const warnings: string[] = []
    const s = openSettings(dir, { logger: { warn: (m) => warnings.push(m) } })
    expect(s.get().receiver.port).toBe(9000)
    expect(warnings[0]).toMatch(/could not be read.*moved to/)
    const backups = (await readdir(dir)).filter((f) => f.startsWith('settings.json.invalid-'))
    expect(backups).toHaveLength(1)
    expect(await readFile(join(dir, backups[0]), 'utf8')).toBe('{ this is not json')
  })

  it('a malformed section is reset and reported, the rest kept', async () => {
    await writeFile(
      join(dir, 'settings.json'),
      JSON.stringify({
        retention: 'lots',
        receiver: { port: 9100, host: '0.0.0.0', maxBodyBytes: 5 },
      }),
    )
    const s = openSettings(dir)
    expect(s.problems[0]).toMatch(/retention/)
    expect(s.get().retention.maxEvents).toBe(10_000)
    expect(s.get().receiver.port).toBe(9100)
  })

  it('a change written by another process reaches a watching store', async () => {
    const running = openSettings(dir, { watch: true })
    const seen = new Promise<number>((resolve) =>
      running.onChange((next) => resolve(next.verifiers.length)),
    )
    const cli = openSettings(dir)
    cli.update({ verifiers: [{ id: 'v1', scheme: 'github', secrets: ['s'] }] })
    cli.close()
    expect(await seen).toBe(1)
    expect(running.get().verifiers[0].scheme).toBe('github')
    running.close()
  })

  it('rejects an invalid update instead of writing it', () => {
    const s = openSettings(dir)
    const receiver = {
      port: -1,
      host: 'x',
      maxBodyBytes: 1,
      headersTimeoutSec: 1,
      bodyTimeoutSec: 1,
    }
    expect(() => s.update({ receiver })).toThrow(/invalid settings/)
  })

  it('data dir: flag, then HOOKLENS_DATA_DIR, then the OS app-data folder', () => {
    expect(resolveDataDir('/tmp/x', {})).toBe('/tmp/x')
    expect(resolveDataDir(null, { HOOKLENS_DATA_DIR: '/tmp/y' })).toBe('/tmp/y')
    expect(resolveDataDir(null, { XDG_CONFIG_HOME: '/cfg' }, 'linux')).toBe('/cfg/hooklens')
    expect(resolveDataDir(null, { APPDATA: 'C:\\AppData' }, 'win32')).toMatch(/hooklens$/)
  })
})
