/**
 * The Electron main process entry (built to out/main/index.js): hands the real Electron
 * modules, electron-store and the in-process core to the lifecycle. Everything else lives in
 * modules that take Electron as an argument, so they are tested without a binary.
 */
import * as electron from 'electron'
import ElectronStore from 'electron-store'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createDesktopCore } from './core-host'
import { runLifecycle } from './lifecycle'

const log = (line: string) => process.stderr.write(`${line}\n`)

runLifecycle({
  electron,
  Store: ElectronStore,
  createCore: ({ dataDir, settings }) =>
    createDesktopCore({ dataDir, settings, log, version: electron.app.getVersion() }),
  mainDir: dirname(fileURLToPath(import.meta.url)),
  env: process.env,
  argv: process.argv,
  platform: process.platform,
  resourcesPath: process.resourcesPath,
  log,
})
