/**
 * Where Hooklens keeps its data: `--data-dir`, else HOOKLENS_DATA_DIR, else the OS app-data
 * folder under the same name Electron's `userData` uses, so the CLI and the desktop app share it.
 */
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'

export const APP_DIR_NAME = 'hooklens'

export function resolveDataDir(
  flag?: string | null,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (flag) return resolve(flag)
  if (env.HOOKLENS_DATA_DIR) return resolve(env.HOOKLENS_DATA_DIR)
  return join(osAppDataDir(env, platform), APP_DIR_NAME)
}

/** The folder Electron's `app.getPath('appData')` returns on each OS. */
export function osAppDataDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string {
  if (platform === 'win32') return env.APPDATA ?? join(homedir(), 'AppData', 'Roaming')
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support')
  return env.XDG_CONFIG_HOME ?? join(homedir(), '.config')
}
