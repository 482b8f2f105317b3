/**
 * How `npm start` decides between the desktop app and the browser inspector, as plain functions
 * (scripts/start.mjs does the I/O): Electron needs a display and its binary, which `npm install`
 * never downloaded because .npmrc sets ignore-scripts.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/** X11 or Wayland on Linux and the BSDs; macOS and Windows always have a display. */
export function hasDisplay(platform, env) {
  if (platform === 'darwin' || platform === 'win32') return true
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY)
}

/**
 * The Electron executable the `electron` package would run (its index.js logic), or null
 * when the binary is not there.
 */
export function electronBinary(electronDir, env, fs = { existsSync, readFileSync }) {
  const pathFile = join(electronDir, 'path.txt')
  if (!fs.existsSync(pathFile)) return null
  const relative = fs.readFileSync(pathFile, 'utf8').trim()
  const dist = env.ELECTRON_OVERRIDE_DIST_PATH || join(electronDir, 'dist')
  const binary = join(dist, relative)
  return fs.existsSync(binary) ? binary : null
}

/** The first meaningful line of a failed download's output, short enough for one line. */
export function downloadFailure(output) {
  const lines = String(output ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
  const line = lines.find((l) => /error|ENOTFOUND|EAI_AGAIN|ECONN|ETIMEDOUT|40\d|50\d/i.test(l))
  const text = (line ?? lines[0] ?? 'no output').replace(/^(Error|HTTPError|RequestError):\s*/, '')
  return text.length > 100 ? `${text.slice(0, 97)}...` : text
}

/**
 * @param {{display: boolean, binary: string | null, installError: string | null}} facts
 * @returns {{mode: 'electron', binary: string} | {mode: 'browser', reason: string}}
 */
export function decideStart(facts) {
  if (!facts.display) {
    return { mode: 'browser', reason: 'no display (neither DISPLAY nor WAYLAND_DISPLAY is set)' }
  }
  if (!facts.binary) {
    const why = facts.installError ? `: ${facts.installError}` : ''
    return {
      mode: 'browser',
      reason: `no Electron binary (node_modules/electron/dist is missing and the download failed${why})`,
    }
  }
  return { mode: 'electron', binary: facts.binary }
}

/** The one line `npm start` prints before falling back. */
export function fallbackLine(reason) {
  return `hooklens: cannot open the desktop app: ${reason}. Starting \`hooklens listen\` with the browser inspector instead.`
}

/** Electron must not inherit ELECTRON_RUN_AS_NODE (it would run as plain Node). */
export function electronEnv(env) {
  const out = { ...env }
  delete out.ELECTRON_RUN_AS_NODE
  return out
}
