import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { makeTempDirSync, removeTempDirSync } from '../../helpers/temp-dir'

vi.mock('electron', () => {
  const electron = {
    app: { getPath: () => '/nonexistent-userdata', getVersion: () => '0.0.0-test' },
    ipcMain: { on: () => {} },
    shell: { openPath: async () => '' },
  }
  return { default: electron, ...electron }
})
// electron-store lives in node_modules, which Node loads itself: vi.mock does not reach its
// `import electron from 'electron'`. Without a binary that import throws, unless this override
// is set; it then yields a path string, and electron-store (given an absolute cwd) needs nothing
// else from Electron. The store code under test is the real one.
process.env.ELECTRON_OVERRIDE_DIST_PATH ??= join(tmpdir(), 'no-electron-binary')

const { default: ElectronStore } = await import('electron-store')
const { createDesktopSettings } = await import('../../../electron/main/desktop-settings')
const { createSecretVault, SEALED_V1 } = await import('../../../electron/main/secret-vault')
const { openSettings } = await import('../../../electron/core/settings/settings-store')
const { fakeSafeStorage } = await import('./fake-electron')

let dir: string
beforeEach(() => {
  dir = makeTempDirSync('hooklens-settings-')
})
afterEach(() => removeTempDirSync(dir))

function open(safe = fakeSafeStorage(true), platform: NodeJS.Platform = 'linux') {
  return {
    s: createDesktopSettings({
      Store: ElectronStore as never,
      dataDir: dir,
      vault: createSecretVault(safe, platform),
      watch: false,
    }),
    safe,
  }
}

const verifier = (secrets: string[]) => ({ id: 'v1', scheme: 'stripe', secrets })
const fileText = () => readFileSync(join(dir, 'settings.json'), 'utf8')
type Verifiers = { verifiers: { id: string; secrets: string[] }[] }

describe('desktop settings with safeStorage', () => {
  it('round trips: secrets are sealed on disk with a version tag and opened on read', () => {
    const { s } = open()
    expect(s.path).toBe(join(dir, 'settings.json'))
    s.write({ ...s.read(), verifiers: [verifier(['whsec_top_secret'])] })
    const text = fileText()
    expect(text).not.toContain('whsec_top_secret')
    const stored = (JSON.parse(text) as Verifiers).verifiers[0].secrets[0]
    expect(stored.startsWith(SEALED_V1)).toBe(true)
    expect(Buffer.from(stored.slice(SEALED_V1.length), 'base64').toString()).toMatch(/^FAKE-ENC\(/)
    // A new session (new store instance) opens it again.
    const again = open().s
    expect((again.read() as Verifiers).verifiers[0].secrets).toEqual(['whsec_top_secret'])
    expect(again.secretStatus()).toEqual({
      encrypted: true,
      note: 'Secrets are encrypted with the OS keychain.',
    })
    // Other settings survive untouched.
    expect((again.read() as { receiver: { port: number } }).receiver.port).toBe(9000)
  })

  it('shares the file with the CLI: conf reads the same settings and sees only ciphertext', () => {
    const { s } = open()
    s.write({ ...s.read(), verifiers: [verifier(['whsec_top_secret'])] })
    s.setPrefs({ notifications: false })
    const cli = openSettings(dir)
    const v = cli.get().verifiers[0]
    expect(v.id).toBe('v1')
    expect(v.secrets[0].startsWith(SEALED_V1)).toBe(true)
    // The CLI rewriting the file keeps the sealed value and the desktop section.
    cli.update({ retention: { maxEvents: 5, maxBytes: 1024 } })
    cli.close()
    const back = open().s
    expect((back.read() as Verifiers).verifiers[0].secrets).toEqual(['whsec_top_secret'])
    expect(back.prefs()).toEqual({ notifications: false })
  })

  it('seals clear secrets the CLI wrote, on the next desktop write', () => {
    const cli = openSettings(dir)
    cli.update({ verifiers: [verifier(['from_cli'])] })
    cli.close()
    const { s } = open()
    const read = s.read() as Verifiers
    expect(read.verifiers[0].secrets).toEqual(['from_cli'])
    s.write(read)
    expect(fileText()).not.toContain('from_cli')
  })

  it('encryption unavailable: says so, keeps new secrets for the session only, never in clear', () => {
    const { s } = open(fakeSafeStorage(false))
    expect(s.secretStatus().encrypted).toBe(false)
    expect(s.secretStatus().note).toMatch(/session only/)
    s.write({ ...s.read(), verifiers: [verifier(['session_secret'])] })
    expect(fileText()).not.toContain('session_secret')
    expect((JSON.parse(fileText()) as Verifiers).verifiers[0].secrets).toEqual([])
    // This session still verifies with it...
    expect((s.read() as Verifiers).verifiers[0].secrets).toEqual(['session_secret'])
    // ...the next one does not have it.
    expect((open(fakeSafeStorage(false)).s.read() as Verifiers).verifiers[0].secrets).toEqual([])
  })

  it('encryption unavailable: a sealed secret stays sealed and is kept on write', () => {
    const first = open().s
    first.write({ ...first.read(), verifiers: [verifier(['sealed_one'])] })
    const sealed = (JSON.parse(fileText()) as Verifiers).verifiers[0].secrets[0]
    const { s } = open(fakeSafeStorage(false))
    const read = s.read() as Verifiers
    expect(read.verifiers[0].secrets).toEqual([sealed])
    read.verifiers[0].secrets.push('new_one')
    s.write(read)
    expect((JSON.parse(fileText()) as Verifiers).verifiers[0].secrets).toEqual([sealed])
    expect(fileText()).not.toContain('new_one')
  })

  it('treats Linux basic_text "encryption" as unavailable', () => {
    const safe = Object.assign(fakeSafeStorage(true), {
      getSelectedStorageBackend: () => 'basic_text',
    })
    const { s } = open(safe)
    expect(s.secretStatus().encrypted).toBe(false)
    s.write({ ...s.read(), verifiers: [verifier(['plain?'])] })
    expect(fileText()).not.toContain('plain?')
  })

  it('asks for the storage backend on Linux only (the call is Linux-only in Electron)', () => {
    const safe = Object.assign(fakeSafeStorage(true), {
      getSelectedStorageBackend: (): string => {
        throw new Error('not on this platform')
      },
    })
    expect(open(safe, 'darwin').s.secretStatus().encrypted).toBe(true)
    expect(open(safe, 'win32').s.secretStatus().encrypted).toBe(true)
    expect(open(safe, 'linux').s.secretStatus().encrypted).toBe(false)
  })

  it('a value sealed with an unknown version or by another key is not opened', () => {
    const vault = createSecretVault(fakeSafeStorage(true))
    expect(vault.open('hl-enc:v9:abcd')).toBeNull()
    expect(vault.open(`${SEALED_V1}${Buffer.from('garbage').toString('base64')}`)).toBeNull()
    expect(vault.open('clear')).toBe('clear')
  })

  it('moves a broken or schema-violating file aside instead of wiping it silently', () => {
    writeFileSync(join(dir, 'settings.json'), '{ not json')
    const { s } = open()
    expect(s.problems[0]).toMatch(/moved to/)
    expect(readdirSync(dir).some((f) => f.startsWith('settings.json.invalid-'))).toBe(true)
    expect((s.read() as { receiver: { port: number } }).receiver.port).toBe(9000)

    rmSync(join(dir, 'settings.json'))
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ verifiers: 'not a list' }))
    const again = open().s
    expect(again.problems[0]).toMatch(/moved to/)
    expect(
      readdirSync(dir).filter((f) => f.startsWith('settings.json.invalid-')).length,
    ).toBeGreaterThanOrEqual(1)
  })

  it('stores desktop preferences with defaults', () => {
    const { s } = open()
    expect(s.prefs()).toEqual({ notifications: true })
    expect(s.setPrefs({ notifications: false })).toEqual({ notifications: false })
    expect(open().s.prefs()).toEqual({ notifications: false })
  })
})
