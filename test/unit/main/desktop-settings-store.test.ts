import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { makeTempDirSync, removeTempDirSync } from '../../helpers/temp-dir'

// See desktop-settings.test.ts: lets the real electron-store load without an Electron binary.
process.env.ELECTRON_OVERRIDE_DIST_PATH ??= join(tmpdir(), 'no-electron-binary')
const { default: ElectronStore } = await import('electron-store')
const { createDesktopSettings } = await import('../../../electron/main/desktop-settings')
const { desktopSettingsStore } = await import('../../../electron/main/desktop-settings-store')
const { createSecretVault, SEALED_V1 } = await import('../../../electron/main/secret-vault')
const { openSettings } = await import('../../../electron/core/settings/settings-store')
const { fakeSafeStorage } = await import('./fake-electron')

let dir: string
beforeEach(() => {
  dir = makeTempDirSync('hooklens-dstore-')
})
afterEach(() => removeTempDirSync(dir))

function open(available = true) {
  return desktopSettingsStore(
    createDesktopSettings({
      Store: ElectronStore as never,
      dataDir: dir,
      vault: createSecretVault(fakeSafeStorage(available)),
      watch: false,
    }),
  )
}

describe('the core SettingsStore over electron-store', () => {
  it('serves validated settings with defaults, like the CLI store', () => {
    const store = open()
    const cli = openSettings(dir)
    expect(store.get()).toEqual(cli.get())
    expect(store.path).toBe(cli.path)
    cli.close()
    store.close()
  })

  it('update() seals secrets on disk, keeps them usable in memory and notifies', () => {
    const store = open()
    const seen = vi.fn()
    store.onChange(seen)
    const v = { id: 'v1', scheme: 'github', secrets: ['gh_secret_value'] }
    const next = store.update({ verifiers: [v] })
    expect(next.verifiers[0].secrets).toEqual(['gh_secret_value'])
    expect(store.get().verifiers[0].secrets).toEqual(['gh_secret_value'])
    const text = readFileSync(join(dir, 'settings.json'), 'utf8')
    expect(text).not.toContain('gh_secret_value')
    expect(text).toContain(SEALED_V1)
    expect(seen).toHaveBeenCalled()
    expect(seen.mock.calls.at(-1)![0].verifiers[0].secrets).toEqual(['gh_secret_value'])
    store.close()
  })

  it('rejects invalid updates without writing', () => {
    const store = open()
    const before = readFileSync(join(dir, 'settings.json'), 'utf8')
    expect(() => store.update({ verifiers: 'nope' as never })).toThrow(/invalid settings/)
    expect(readFileSync(join(dir, 'settings.json'), 'utf8')).toBe(before)
    store.close()
  })

  it('without OS encryption the secret works this session and never reaches the file', () => {
    const store = open(false)
    store.update({ verifiers: [{ id: 'v1', scheme: 'slack', secrets: ['slack_signing'] }] })
    expect(store.get().verifiers[0].secrets).toEqual(['slack_signing'])
    expect(readFileSync(join(dir, 'settings.json'), 'utf8')).not.toContain('slack_signing')
    store.close()
    expect(open(false).get().verifiers[0].secrets).toEqual([])
  })
})
