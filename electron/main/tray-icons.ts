/**
 * Which icon file the tray shows per state. macOS gets the black `…Template` images the menu bar
 * tints for light and dark mode (state is told by shape); other systems get the coloured ones.
 * Electron picks the `@2x` sibling by itself on high-density screens.
 */
import { join } from 'node:path'
import type { TrayState } from './tray-model'

export function trayIconFile(state: TrayState, platform: NodeJS.Platform): string {
  return `tray-${state}${platform === 'darwin' ? 'Template' : ''}.png`
}

export function trayIconPath(trayDir: string, state: TrayState, platform: NodeJS.Platform): string {
  return join(trayDir, trayIconFile(state, platform))
}

/**
 * Where the tray icons are: packaged builds copy resources/tray to `<resources>/tray`
 * (electron-builder extraResources); from a checkout they sit in `<app>/resources/tray`.
 */
export function trayIconDir(opts: {
  isPackaged: boolean
  resourcesPath: string
  appPath: string
}): string {
  return opts.isPackaged
    ? join(opts.resourcesPath, 'tray')
    : join(opts.appPath, 'resources', 'tray')
}
