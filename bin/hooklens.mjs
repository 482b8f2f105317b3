#!/usr/bin/env node
// Entry point of the `hooklens` command. Runs the CLI (electron/cli/main.ts) from a bundle that
// bin/cli-loader.mjs builds on first use and reuses while the sources are unchanged, so
// `npx hooklens ...` starts like a built program straight after `npm install`, with no build
// step (and falls back to running the TypeScript through tsx, saying why, if it cannot build).
import module from 'node:module'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { loadCli } from './cli-loader.mjs'

// Node 22+ keeps V8's compiled code of the bundle and the packages it loads between runs
// (a no-op on Node 20, which has no compile cache).
module.enableCompileCache?.()

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const { main } = await loadCli(root)
process.exitCode = await main(process.argv.slice(2))
