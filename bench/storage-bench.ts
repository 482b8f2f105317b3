/**
 * Storage bench (issue 11): what the segmented log costs a sender and a user. Retention churn —
 * 2,000 events of 100 KiB kept, then the same with 1 GiB kept (pre-filled), sending at 150/s
 * while every new event drops an old one: ack p50/p99/max beside bare fastify under the same
 * load. Then 100k stored 1 KiB events: `listen` start to "receiving" and its RSS, and
 * `events list --limit 50`, beside bare fastify's start and `hooklens --version` (the CLI floor).
 * The data dir is written without segment indexes (sidecars), as an older version left it: the
 * first start writes them (printed too), the measured one reads them, as every later start does,
 * with the analysis snapshot the previous clean stop left; then once without it (a crash's start).
 * BENCH_STORAGE=100k runs the 100k part alone.
 */
import { spawn } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  ROOT,
  rssMb,
  spawnBareFastify,
  spawnListen,
  stop,
  writeLog,
  type Server,
} from './bench-servers'
import { steadyLoad, type SteadyResult } from './steady-load'
import { ANALYSIS_SNAPSHOT } from '../electron/core/hooklens/analysis-snapshot'

const KiB = 1024
const BODY = Buffer.from(JSON.stringify({ type: 'blob', data: 'x'.repeat(100 * KiB - 25) }))

async function tempDir(name: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `hooklens-bench-${name}-`))
}

async function churn(server: Server, events: number): Promise<SteadyResult> {
  try {
    return await steadyLoad(server.url, { rate: 150, seconds: events / 150, body: BODY })
  } finally {
    await stop(server.child)
  }
}

/** 2,000 kept: the first 2,000 of 3,000 fill the log, the rest each drop one. */
async function churn2000(): Promise<SteadyResult> {
  const dir = await tempDir('churn')
  await writeFile(
    join(dir, 'settings.json'),
    JSON.stringify({ retention: { maxEvents: 2_000, maxBytes: 1024 ** 3 } }),
  )
  try {
    return await churn(await spawnListen(dir), 3_000)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** 1 GiB kept (pre-filled with 100 KiB events), 1,500 more at 150/s. */
async function churn1GiB(): Promise<SteadyResult> {
  const dir = await tempDir('gib')
  const n = Math.ceil(1024 ** 3 / (100 * KiB + 600))
  await writeLog(dir, n, {
    size: 100 * KiB,
    perSegment: 640,
    retention: { maxEvents: 100_000, maxBytes: 1024 ** 3 },
  })
  try {
    return await churn(await spawnListen(dir), 1_500)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

function timeCli(args: string[]): Promise<number> {
  const started = performance.now()
  return new Promise((res, rej) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/hooklens.mjs'), ...args], {
      cwd: ROOT,
      stdio: 'ignore',
    })
    child.on('exit', (code) =>
      code === 0 ? res(performance.now() - started) : rej(new Error(`${args[0]} exited ${code}`)),
    )
  })
}

async function hundredK(): Promise<Record<string, string | number>> {
  const dir = await tempDir('100k')
  await writeLog(dir, 100_000)
  try {
    await timeCli(['--version']) // warms whatever a second `npx hooklens` run would find warm
    const floor = await timeCli(['--version'])
    const warm = await spawnListen(dir)
    await stop(warm.child)
    const hl = await spawnListen(dir)
    const rss = rssMb(hl.child.pid!)
    await stop(hl.child)
    // The start after a crash: no analysis snapshot, every stored event replayed.
    await rm(join(dir, ANALYSIS_SNAPSHOT))
    const replayed = await spawnListen(dir)
    const replayedRss = rssMb(replayed.child.pid!)
    await stop(replayed.child)
    const bare = await spawnBareFastify()
    await stop(bare.child)
    const emptyDir = await tempDir('empty')
    const empty = await spawnListen(emptyDir)
    const emptyRss = rssMb(empty.child.pid!)
    await stop(empty.child)
    await rm(emptyDir, { recursive: true, force: true })
    const list = await timeCli(['events', 'list', '--limit', '50', '--data-dir', dir])
    return {
      '100k events, first start (no segment indexes yet) ms': Math.round(warm.startMs),
      '100k events: listen start to "receiving" ms (target < 1000)': Math.round(hl.startMs),
      '  reference: bare fastify start / hooklens --version ms': `${Math.round(bare.startMs)} / ${Math.round(floor)}`,
      '100k events: listen RSS MB (target < 150)': Math.round(rss),
      '  reference: start ms / RSS MB with no analysis snapshot (after a crash: replay)': `${Math.round(replayed.startMs)} / ${Math.round(replayedRss)}`,
      '  reference: listen RSS MB with no events': Math.round(emptyRss),
      '100k events: events list --limit 50 ms (target < 500)': Math.round(list),
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

const fmt = (r: SteadyResult) =>
  `${r.p50} / ${r.p99} / ${r.max}${r.errors ? ` (${r.errors} errors)` : ''}`

export async function runStorageBench(): Promise<Record<string, string | number>> {
  // BENCH_STORAGE=100k: the start-up figures alone (no churn, no 1 GiB of pre-filled data).
  if (process.env.BENCH_STORAGE === '100k') return hundredK()
  const bare = await churn(await spawnBareFastify(), 3_000)
  const kept2k = await churn2000()
  const kept1g = await churn1GiB()
  return {
    'churn 150/s, 100 KiB: bare fastify ack p50/p99/max ms': fmt(bare),
    'churn, 2,000 kept: hooklens ack p50/p99/max ms (p99 ≤ 20, max ≤ 100)': fmt(kept2k),
    'churn, 1 GiB kept: hooklens ack p50/p99/max ms': fmt(kept1g),
    'churn p99 vs bare fastify: 2,000 kept / 1 GiB kept': `${(kept2k.p99 / Math.max(bare.p99, 0.1)).toFixed(2)} / ${(kept1g.p99 / Math.max(bare.p99, 0.1)).toFixed(2)}`,
    ...(await hundredK()),
  }
}
