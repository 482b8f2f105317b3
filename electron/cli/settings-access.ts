/**
 * Settings for CLI commands other than `listen`. Reading never writes: a read-only command
 * parses settings.json itself (no `conf`, which would write defaults or move a broken file
 * aside) and reports an unreadable file on stderr, as `listen` does. A command that saves
 * settings refuses to start from a file it cannot read, so it never replaces the user's
 * verifiers with defaults.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { openSettings, SETTINGS_FILE, type SettingsStore } from '../core/settings/settings-store'
import { defaultSettings, type Settings } from '../core/settings/settings-types'
import { validateSettings } from '../core/settings/validate-settings'
import { CliFailure } from './errors'

export interface SettingsRead {
  settings: Settings
  /** Why the file (or a section of it) could not be used; empty when all is well. */
  problems: string[]
}

/** Parses settings.json without changing it; a missing file means defaults. */
export function inspectSettings(dataDir: string): SettingsRead {
  const file = join(dataDir, SETTINGS_FILE)
  if (!existsSync(file)) return { settings: defaultSettings(), problems: [] }
  let parsed: unknown
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'))
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err)
    return { settings: defaultSettings(), problems: [`${file} could not be read (${why})`] }
  }
  const { settings, issues } = validateSettings(parsed)
  return { settings, problems: issues.map((i) => `${file}: ${i}`) }
}

/** Settings for a read-only command; problems are printed as warnings, the file is left alone. */
export function readSettings(
  dataDir: string,
  warn: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
): Settings {
  const { settings, problems } = inspectSettings(dataDir)
  for (const p of problems) {
    warn(`hooklens: warning: ${p}; defaults used for this command, the file was not changed`)
  }
  return settings
}

/** Opens the settings to change them, only when the file reads cleanly. */
export function editSettings<T>(dataDir: string, fn: (store: SettingsStore) => T): T {
  const { problems } = inspectSettings(dataDir)
  if (problems.length > 0) {
    throw new CliFailure(
      `${problems.join('; ')}. Nothing was changed: fix the file (or move it aside) and run the command again`,
    )
  }
  const store = openSettings(dataDir)
  try {
    return fn(store)
  } finally {
    store.close()
  }
}
