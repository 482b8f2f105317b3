/**
 * The desktop app's settings file: electron-store (a `conf` subclass) over `settings.json` in
 * the data dir — the same file, name and schema the CLI reads and writes directly — with verifier
 * secrets sealed by the secret vault on the way to disk and opened on the way back.
 * When the OS cannot encrypt, new secrets live in memory for this session only.
 */
import type ElectronStore from 'electron-store'
import type { Schema } from 'electron-store'
import { existsSync, renameSync } from 'node:fs'
import { join } from 'node:path'
import { defaultSettings } from '../core/settings/settings-types'
import { isSealed, type SecretStorageStatus, type SecretVault } from './secret-vault'

export const SETTINGS_FILE_NAME = 'settings'

/** Desktop-only preferences, kept in the same file under `desktop`. */
export interface DesktopPrefs {
  notifications: boolean
}

export const DEFAULT_DESKTOP_PREFS: DesktopPrefs = { notifications: true }

type Obj = Record<string, unknown>

/**
 * Types only, no `additionalProperties: false`: with clearInvalidConfig a stricter schema here
 * than in the CLI would make one side wipe what the other wrote.
 */
export const SETTINGS_SCHEMA: Schema<Obj> = {
  receiver: { type: 'object' },
  retention: { type: 'object' },
  responseRules: { type: 'array' },
  defaultResponse: { type: 'object' },
  verifiers: {
    type: 'array',
    items: {
      type: 'object',
      required: ['id', 'scheme', 'secrets'],
      properties: {
        id: { type: 'string' },
        scheme: { type: 'string' },
        secrets: { type: 'array', items: { type: 'string' } },
      },
    },
  },
  forwardRules: { type: 'array' },
  allowList: { type: 'object' },
  tunnel: { type: 'object' },
  ui: { type: 'object' },
  desktop: {
    type: 'object',
    properties: { notifications: { type: 'boolean' } },
  },
}

export type StoreCtor = new (
  options: ConstructorParameters<typeof ElectronStore<Obj>>[0],
) => ElectronStore<Obj>

export interface DesktopSettingsOptions {
  Store: StoreCtor
  dataDir: string
  vault: SecretVault
  /** Watch the file for other processes' changes (default true). */
  watch?: boolean
}

export interface DesktopSettings {
  /** The underlying store (a Conf instance). */
  readonly store: ElectronStore<Obj>
  readonly path: string
  /** What went wrong opening the file (it was backed up), for the UI and the log. */
  readonly problems: string[]
  /** Settings with secrets opened. A secret that cannot be opened stays sealed (`hl-enc:`). */
  read(): Obj
  /** Writes settings, sealing secrets; unsealable new secrets are kept for the session. */
  write(settings: Obj): void
  /** A secret as stored on disk → as the core uses it (sealed and unopenable stays sealed). */
  openSecret(stored: string): string
  secretStatus(): SecretStorageStatus
  prefs(): DesktopPrefs
  setPrefs(patch: Partial<DesktopPrefs>): DesktopPrefs
  /** Called after any change to the file, ours or another process's (the store watches it). */
  onDidAnyChange(listener: () => void): () => void
  /** Stops watching the file. */
  close(): void
}

interface VerifierLike extends Obj {
  id: string
  secrets: string[]
}

function verifiersOf(settings: Obj): VerifierLike[] {
  return Array.isArray(settings.verifiers) ? (settings.verifiers as VerifierLike[]) : []
}

/**
 * Opens strictly first: a file that does not parse or breaks the schema is moved aside (as the
 * CLI does) rather than silently emptied. clearInvalidConfig then covers later damage, so a
 * file broken while we run reads as empty instead of crashing the app.
 */
function openStore(opts: DesktopSettingsOptions, problems: string[]): ElectronStore<Obj> {
  const make = (clearInvalidConfig: boolean, watch = false) =>
    new opts.Store({
      cwd: opts.dataDir,
      name: SETTINGS_FILE_NAME,
      schema: SETTINGS_SCHEMA,
      defaults: defaultSettings() as unknown as Obj,
      clearInvalidConfig,
      watch,
    })
  try {
    const strict = make(false)
    void strict.store
  } catch (err) {
    const file = join(opts.dataDir, `${SETTINGS_FILE_NAME}.json`)
    if (existsSync(file)) {
      const backup = `${file}.invalid-${Date.now()}`
      renameSync(file, backup)
      problems.push(
        `settings.json could not be read (${err instanceof Error ? err.message : String(err)}); ` +
          `it was moved to ${backup} and defaults are in use`,
      )
    }
  }
  // Watching picks up `hooklens secrets add` and other CLI edits while the app runs.
  return make(true, opts.watch ?? true)
}

export function createDesktopSettings(opts: DesktopSettingsOptions): DesktopSettings {
  const problems: string[] = []
  const store = openStore(opts, problems)
  const { vault } = opts
  /** Secrets that could not be sealed this session, by verifier id. Never written. */
  const sessionSecrets = new Map<string, string[]>()
  /** Clear secrets found in the file (e.g. added by the CLI): rewriting them is no new leak. */
  const clearOnDisk = new Set<string>()

  const openSecret = (stored: string): string => vault.open(stored) ?? stored

  return {
    store,
    path: store.path,
    problems,
    read() {
      const data = structuredClone(store.store) as Obj
      if (!Array.isArray(data.verifiers)) return data
      data.verifiers = verifiersOf(data).map((v) => {
        for (const s of v.secrets) if (!isSealed(s)) clearOnDisk.add(s)
        const opened = v.secrets.map(openSecret)
        for (const s of sessionSecrets.get(v.id) ?? []) if (!opened.includes(s)) opened.push(s)
        return { ...v, secrets: opened }
      })
      return data
    },
    write(settings) {
      const data = structuredClone(settings)
      if (Array.isArray(data.verifiers)) {
        sessionSecrets.clear()
        data.verifiers = verifiersOf(data).map((v) => {
          const kept: string[] = []
          const session: string[] = []
          for (const s of v.secrets) {
            if (isSealed(s)) {
              kept.push(s)
              continue
            }
            const sealed = vault.seal(s)
            if (sealed) kept.push(sealed)
            else if (clearOnDisk.has(s)) kept.push(s)
            else session.push(s)
          }
          if (session.length) sessionSecrets.set(v.id, session)
          return { ...v, secrets: kept }
        })
      }
      store.store = data
    },
    openSecret,
    secretStatus: () => vault.status(),
    prefs() {
      const stored = store.get('desktop') as Partial<DesktopPrefs> | undefined
      return { ...DEFAULT_DESKTOP_PREFS, ...stored }
    },
    setPrefs(patch) {
      const next = { ...this.prefs(), ...patch }
      store.set('desktop', next)
      return next
    },
    onDidAnyChange: (listener) => store.onDidAnyChange(() => listener()),
    close: () => store._closeWatcher(),
  }
}
