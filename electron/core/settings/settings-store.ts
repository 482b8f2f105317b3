/**
 * Settings persisted as settings.json in the data dir through `conf` (the library
 * electron-store is built on, so the desktop app reads the same file). An unreadable or
 * invalid file is backed up beside itself and reported — never silently dropped.
 */
import Conf from 'conf'
import { existsSync, mkdirSync, renameSync, watch, type FSWatcher } from 'node:fs'
import { join } from 'node:path'
import { defaultSettings, type Settings } from './settings-types'
import { validateSettings } from './validate-settings'

export interface SettingsLogger {
  warn(message: string): void
}

export interface SettingsStore {
  readonly path: string
  get(): Settings
  update(patch: Partial<Settings>): Settings
  onChange(listener: (settings: Settings) => void): () => void
  close(): void
  /** Problems found when loading (file backed up, sections reset), for the UI and logs. */
  readonly problems: string[]
}

export const SETTINGS_FILE = 'settings.json'

export function openSettings(
  dataDir: string,
  opts: { logger?: SettingsLogger; watch?: boolean } = {},
): SettingsStore {
  const problems: string[] = []
  const report = (message: string) => {
    problems.push(message)
    opts.logger?.warn(message)
  }
  const conf = openConf(dataDir, report)
  const listeners = new Set<(s: Settings) => void>()

  const read = (): Settings => {
    const { settings, issues } = validateSettings(conf.store)
    for (const issue of issues) report(`settings.json: ${issue}; using the default`)
    return settings
  }
  let current = read()
  if (problems.length > 0) conf.store = current as unknown as Record<string, unknown>

  const reload = () => {
    current = read()
    for (const l of listeners) l(current)
  }
  conf.onDidAnyChange(reload)
  // conf polls the file on Linux (seconds); watch the folder so a `hooklens secrets add` in
  // another terminal reaches a running listen before the agent's next request does.
  const watcher = opts.watch ? watchFile(dataDir, SETTINGS_FILE, reload) : null

  return {
    path: conf.path,
    problems,
    get: () => current,
    update(patch) {
      const merged = { ...current, ...patch }
      const { settings, issues } = validateSettings(merged)
      if (issues.length > 0) throw new Error(`invalid settings: ${issues.join('; ')}`)
      conf.store = settings as unknown as Record<string, unknown>
      current = settings
      return current
    },
    onChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    close: () => {
      watcher?.close()
      conf._closeWatcher()
    },
  }
}

type ConfWithWatcher = Conf<Record<string, unknown>>

function openConf(dataDir: string, report: (message: string) => void): ConfWithWatcher {
  // Private: on the CLI, secrets are in this file in clear (12.8). conf writes atomically, so
  // every save creates the file anew with this mode.
  mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  const make = () =>
    new Conf<Record<string, unknown>>({
      cwd: dataDir,
      configName: 'settings',
      configFileMode: 0o600,
      defaults: defaultSettings() as unknown as Record<string, unknown>,
      clearInvalidConfig: false,
    }) as ConfWithWatcher
  try {
    const conf = make()
    void conf.store // parse now, so a broken file is caught here rather than on first use
    return conf
  } catch (err) {
    const file = join(dataDir, SETTINGS_FILE)
    if (!existsSync(file)) throw err
    const backup = `${file}.invalid-${Date.now()}`
    renameSync(file, backup)
    report(
      `settings.json could not be read (${err instanceof Error ? err.message : String(err)}); ` +
        `it was moved to ${backup} and defaults are in use`,
    )
    return make()
  }
}

export { defaultSettings, type Settings }

/** Calls `onChange` (debounced) when `name` in `dir` is written or replaced. */
function watchFile(dir: string, name: string, onChange: () => void): FSWatcher | null {
  let timer: NodeJS.Timeout | null = null
  try {
    const w = watch(dir, { persistent: false }, (_event, file) => {
      if (file !== name) return
      if (timer) clearTimeout(timer)
      timer = setTimeout(() => {
        timer = null
        try {
          onChange()
        } catch {
          // A half-written file is read again on the next event.
        }
      }, 50)
    })
    w.on('error', () => undefined)
    return w
  } catch {
    return null
  }
}
