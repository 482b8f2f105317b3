/**
 * Settings persisted as settings.json in the data dir: the same file and format `conf` (the
 * library electron-store is built on) keeps, so the desktop app reads the same file — read and
 * written here directly, because loading `conf` and its deep comparison of the defaults cost a
 * large share of `hooklens listen`'s start. An unreadable or invalid file is backed up beside
 * itself and reported — never silently dropped.
 */
import {
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  watch,
  writeFileSync,
  type FSWatcher,
} from 'node:fs'
import { join } from 'node:path'
import { isDeepStrictEqual } from 'node:util'
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
  const file = openFile(dataDir, report)
  const listeners = new Set<(s: Settings) => void>()

  const read = (): Settings => {
    const { settings, issues } = validateSettings(file.read())
    for (const issue of issues) report(`settings.json: ${issue}; using the default`)
    return settings
  }
  let current = read()
  if (problems.length > 0) file.write(current)

  const reload = () => {
    current = read()
    for (const l of listeners) l(current)
  }
  // Watch the folder so a `hooklens secrets add` in another terminal reaches a running listen
  // before the agent's next request does.
  const watcher = opts.watch ? watchFile(dataDir, SETTINGS_FILE, reload) : null

  return {
    path: file.path,
    problems,
    get: () => current,
    update(patch) {
      const merged = { ...current, ...patch }
      const { settings, issues } = validateSettings(merged)
      if (issues.length > 0) throw new Error(`invalid settings: ${issues.join('; ')}`)
      file.write(settings)
      // Listeners hear of this process's own changes too (as they did through conf), with
      // what was just written: no need to read it back.
      current = settings
      for (const l of listeners) l(current)
      return current
    },
    onChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    close: () => {
      watcher?.close()
    },
  }
}

interface SettingsFile {
  readonly path: string
  /** The file's object with the defaults' missing top-level sections added (as conf did). */
  read(): Record<string, unknown>
  write(settings: Settings): void
}

function openFile(dataDir: string, report: (message: string) => void): SettingsFile {
  // Private: on the CLI, secrets are in this file in clear (12.8). Every save creates the file
  // anew (temp file + rename: a reader never sees half of it) with this mode.
  mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  const path = join(dataDir, SETTINGS_FILE)
  const write = (value: unknown) => {
    const tmp = `${path}.${process.pid}.tmp`
    writeFileSync(tmp, JSON.stringify(value, undefined, '\t'), { mode: 0o600 })
    renameSync(tmp, path)
  }
  const parse = (writeBack: boolean): Record<string, unknown> => {
    let onDisk: unknown = {}
    if (existsSync(path)) onDisk = JSON.parse(readFileSync(path, 'utf8'))
    const merged = {
      ...(defaultSettings() as unknown as Record<string, unknown>),
      ...(onDisk as Record<string, unknown>),
    }
    // A new file, or one without some section, is written with the defaults filled in (when
    // opened; a change seen by the watcher is only read).
    if (writeBack && !isDeepStrictEqual(onDisk, merged)) write(merged)
    return merged
  }
  let first: Record<string, unknown>
  try {
    first = parse(true)
  } catch (err) {
    if (!existsSync(path)) throw err
    const backup = `${path}.invalid-${Date.now()}`
    renameSync(path, backup)
    report(
      `settings.json could not be read (${err instanceof Error ? err.message : String(err)}); ` +
        `it was moved to ${backup} and defaults are in use`,
    )
    first = parse(true)
  }
  let pending: Record<string, unknown> | null = first
  return {
    path,
    read() {
      if (pending) {
        const out = pending
        pending = null
        return out
      }
      return parse(false)
    },
    write,
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
