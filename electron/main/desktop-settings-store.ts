/**
 * The core's SettingsStore interface (electron/core/settings/settings-store.ts) served by the
 * desktop's electron-store: same validation as the CLI's settings.json store, but secrets pass
 * through the safeStorage vault, so nothing the core saves reaches the disk in clear.
 */
import type { SettingsStore } from '../core/settings/settings-store'
import type { Settings } from '../core/settings/settings-types'
import { validateSettings } from '../core/settings/validate-settings'
import type { DesktopSettings } from './desktop-settings'

export function desktopSettingsStore(ds: DesktopSettings): SettingsStore {
  const listeners = new Set<(s: Settings) => void>()
  const problems = [...ds.problems]
  const read = (): Settings => {
    const { settings, issues } = validateSettings(ds.read())
    for (const issue of issues) problems.push(`settings.json: ${issue}; using the default`)
    return settings
  }
  let current = read()
  const off = ds.onDidAnyChange(() => {
    current = read()
    for (const l of listeners) l(current)
  })
  return {
    path: ds.path,
    problems,
    get: () => current,
    update(patch) {
      const { settings, issues } = validateSettings({ ...current, ...patch })
      if (issues.length > 0) throw new Error(`invalid settings: ${issues.join('; ')}`)
      ds.write(settings as unknown as Record<string, unknown>)
      current = read()
      return current
    },
    onChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    close() {
      off()
      ds.close()
    },
  }
}
