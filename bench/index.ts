/**
 * `npm run bench`: runs every bench and prints its figures (nothing here asserts a time).
 * `npm run bench -- capture verify` runs only the named ones.
 */
import { runCaptureBench } from './capture-bench'
import { runInspectBench } from './inspect-bench'
import { runReplayBench } from './replay-bench'
import { runStartupBench } from './startup-bench'
import { runStorageBench } from './storage-bench'
import { runUiBench } from './ui-bench'
import { runVerifyBench } from './verify-bench'

const BENCHES: Record<string, () => Promise<Record<string, string | number>>> = {
  capture: runCaptureBench,
  storage: runStorageBench,
  verify: runVerifyBench,
  inspect: runInspectBench,
  replay: runReplayBench,
  ui: runUiBench,
  startup: runStartupBench,
}

const wanted = process.argv.slice(2).filter((a) => a in BENCHES)
const names = wanted.length > 0 ? wanted : Object.keys(BENCHES)
let failed = false
for (const name of names) {
  process.stdout.write(`\n== ${name} ==\n`)
  try {
    const figures = await BENCHES[name]()
    for (const [k, v] of Object.entries(figures)) process.stdout.write(`${k.padEnd(64)} ${v}\n`)
  } catch (err) {
    failed = true
    process.stdout.write(`failed: ${(err as Error).stack ?? err}\n`)
  }
}
process.exitCode = failed ? 1 : 0
