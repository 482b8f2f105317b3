/**
 * Start-up bench (issue 13 item 7, issue 11 item 3): how long a `hooklens` command takes from
 * spawn to exit — `--help`, and `events list --limit 50` on 20k stored events — run from the
 * prebuilt bundle (bin/hooklens.mjs's normal path) and from the TypeScript sources through tsx
 * (the old start, HOOKLENS_CLI_FROM_SOURCE=1), beside `node -e ''` as the floor. Commands are
 * interleaved round by round so that the shared machine's load hits them alike; figures are
 * medians and ratios to `node -e ''` of the same run. Asserts nothing.
 */
import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { writeLog } from './bench-servers'

const ROOT = resolve(fileURLToPath(import.meta.url), '../..')
const BIN = join(ROOT, 'bin/hooklens.mjs')
const RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 9)

/**
 * Prints the process's CPU time (user + system, since it started) as it exits: on a shared,
 * loaded machine wall time mostly measures the neighbours, CPU time measures the start-up.
 */
const CPU_REPORT = `data:text/javascript,process.on('exit',()=>{const u=process.cpuUsage();process.stderr.write('\\ncpu-us '+(u.user+u.system)+'\\n')})`

interface Timing {
  wall: number
  cpu: number
}

/** Wall and CPU time of one run, spawn to exit, in ms; rejects on a non-zero exit. */
function timeRun(args: string[], env: NodeJS.ProcessEnv = {}, until?: RegExp): Promise<Timing> {
  const started = performance.now()
  return new Promise((res, rej) => {
    const child = spawn(process.execPath, ['--import', CPU_REPORT, ...args], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    let err = ''
    child.stderr.on('data', (d) => {
      err += d
      // A server counts as started when it says so; it is then stopped.
      if (until?.test(err)) {
        res({ wall: performance.now() - started, cpu: NaN })
        child.kill('SIGTERM')
      }
    })
    child.on('exit', (code) => {
      if (until) return rej(new Error(`exited ${code} before ${until}: ${err}`))
      const cpu = Number(/cpu-us (\d+)/.exec(err)?.[1] ?? NaN) / 1000
      if (code === 0) res({ wall: performance.now() - started, cpu })
      else rej(new Error(`${args.join(' ')} exited ${code}: ${err}`))
    })
  })
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]
}

function summary(ts: Timing[]): Timing {
  return { wall: median(ts.map((t) => t.wall)), cpu: median(ts.map((t) => t.cpu)) }
}

export async function runStartupBench(): Promise<Record<string, string | number>> {
  const data = await mkdtemp(join(tmpdir(), 'hooklens-bench-startup-'))
  const listenDir = await mkdtemp(join(tmpdir(), 'hooklens-bench-listen-'))
  const cold = await mkdtemp(join(tmpdir(), 'hooklens-bench-cli-cache-'))
  try {
    await writeLog(data, 20_000)
    const source = { HOOKLENS_CLI_FROM_SOURCE: '1' }
    const list = [BIN, 'events', 'list', '--limit', '50', '--data-dir', data]
    const listen = [BIN, 'listen', '--port', '0', '--no-tunnel', '--no-ui', '--data-dir', listenDir]
    const receiving = /receiving on http/
    const cases: Record<string, () => Promise<Timing>> = {
      "node -e ''": () => timeRun(['-e', '']),
      '--help (bundle)': () => timeRun([BIN, '--help']),
      '--help (tsx, the old start)': () => timeRun([BIN, '--help'], source),
      'events list --limit 50, 20k events (bundle)': () => timeRun(list),
      'events list --limit 50, 20k events (tsx)': () => timeRun(list, source),
      'listen to "receiving", empty data dir (bundle)': () => timeRun(listen, {}, receiving),
      'listen to "receiving", empty data dir (tsx)': () => timeRun(listen, source, receiving),
    }
    // Warm-up: builds the bundle if the sources changed, and fills the OS file cache.
    for (const run of Object.values(cases)) await run()
    const times: Record<string, Timing[]> = Object.fromEntries(
      Object.keys(cases).map((k) => [k, []]),
    )
    for (let i = 0; i < RUNS; i++) {
      for (const [name, run] of Object.entries(cases)) times[name].push(await run())
    }
    // The first start after an install or a source change builds the bundle (a new cache dir
    // each time, so every run builds).
    const builds: Timing[] = []
    for (let i = 0; i < 3; i++) {
      const cache = await mkdtemp(join(cold, 'c-'))
      builds.push(await timeRun([BIN, '--help'], { HOOKLENS_CLI_CACHE: cache }))
    }
    const floor = summary(times["node -e ''"])
    const figures: Record<string, string | number> = {
      [`median of ${RUNS} runs: wall ms (× node -e ''), CPU ms (× node -e '')`]: '',
    }
    const show = (t: Timing) =>
      `wall ${Math.round(t.wall)} (${(t.wall / floor.wall).toFixed(1)}×)` +
      (Number.isNaN(t.cpu) ? '' : `, CPU ${Math.round(t.cpu)} (${(t.cpu / floor.cpu).toFixed(1)}×)`)
    for (const [name, xs] of Object.entries(times)) figures[name] = show(summary(xs))
    // esbuild runs in a process of its own: its CPU is not in this figure, only in the wall time.
    figures['--help, first start (builds the bundle; CPU without esbuild)'] = show(summary(builds))
    figures['targets'] = '--help < 150 ms, events list --limit 50 on 20k < 300 ms'
    return figures
  } finally {
    await Promise.all([data, listenDir, cold].map((d) => rm(d, { recursive: true, force: true })))
  }
}
