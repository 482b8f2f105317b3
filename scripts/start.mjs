#!/usr/bin/env node
/**
 * `npm start`: builds the app (electron-vite build) and launches Electron. Where Electron cannot
 * run — no display, or no binary and the one download attempt fails — it says so in one line
 * and runs `hooklens listen` with the browser inspector instead, passing the arguments through.
 *
 * HOOKLENS_ELECTRON_DIR points at another copy of the `electron` package (tests use an empty
 * folder to take the no-binary path for real).
 */
import { spawn } from 'node:child_process'
import { constants } from 'node:os'
import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  decideStart,
  downloadFailure,
  electronBinary,
  electronEnv,
  fallbackLine,
  hasDisplay,
} from './start-decision.mjs'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const env = process.env
const electronDir = env.HOOKLENS_ELECTRON_DIR
  ? resolve(env.HOOKLENS_ELECTRON_DIR)
  : join(root, 'node_modules', 'electron')

/** Runs a child with our stdio; forwards Ctrl-C/TERM to it and resolves with its exit code. */
function run(cmd, argv, options = {}) {
  return new Promise((resolveExit) => {
    const child = spawn(cmd, argv, { stdio: 'inherit', cwd: root, ...options })
    const forward = (signal) => child.kill(signal)
    for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(s, forward)
    child.on('error', (err) => {
      process.stderr.write(`hooklens: could not run ${cmd}: ${err.message}\n`)
      resolveExit(1)
    })
    child.on('exit', (code, signal) => {
      for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.off(s, forward)
      resolveExit(code ?? 128 + (constants.signals[signal] ?? 0))
    })
  })
}

/**
 * The download npm's install scripts would have done. Quiet, so an offline machine sees only
 * the fallback line; a note appears only if the download is actually taking a while.
 */
function tryInstall() {
  const script = join(electronDir, 'install.js')
  if (!existsSync(script)) return Promise.resolve('the electron package has no install.js')
  return new Promise((resolveInstall) => {
    const child = spawn(process.execPath, [script], {
      cwd: electronDir,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...env, ELECTRON_SKIP_BINARY_DOWNLOAD: '' },
    })
    let output = ''
    child.stdout.on('data', (d) => (output += d))
    child.stderr.on('data', (d) => (output += d))
    const slow = setTimeout(
      () => process.stderr.write('hooklens: downloading the Electron binary (first run only)...\n'),
      3000,
    )
    child.on('error', (err) => {
      clearTimeout(slow)
      resolveInstall(err.message)
    })
    child.on('exit', (code) => {
      clearTimeout(slow)
      resolveInstall(code === 0 ? null : downloadFailure(output))
    })
  })
}

async function main() {
  const display = hasDisplay(process.platform, env)
  let binary = display ? electronBinary(electronDir, env) : null
  let installError = null
  if (display && !binary) {
    installError = await tryInstall()
    binary = electronBinary(electronDir, env)
  }
  const decision = decideStart({ display, binary, installError })

  if (decision.mode === 'browser') {
    process.stderr.write(`${fallbackLine(decision.reason)}\n`)
    return run(process.execPath, [join(root, 'bin', 'hooklens.mjs'), 'listen', ...args])
  }
  const viteBin = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js')
  const built = await run(process.execPath, [viteBin, 'build'])
  if (built !== 0) return built
  return run(decision.binary, ['.', ...args], { env: electronEnv(env) })
}

process.exitCode = await main()
