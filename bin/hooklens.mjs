#!/usr/bin/env node
// Entry point of the `hooklens` command: runs the TypeScript CLI through tsx so that
// `npx hooklens ...` works straight after `npm install`, with no build step.
import { register } from 'tsx/esm/api'

register()
const { main } = await import('../electron/cli/main.ts')
process.exitCode = await main(process.argv.slice(2))
