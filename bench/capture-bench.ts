/**
 * Capture bench (issue 2): throughput and latency of `hooklens listen` writing every event
 * before it answers, against a bare fastify server answering 200 (both separate processes,
 * loaded by autocannon); then start-up time and RSS of the core over 100k stored 1 KiB events.
 */
import autocannon from 'autocannon'
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { eventLine } from '../electron/core/store/log-format'
import type { EventSummary } from '../shared/event'

const ROOT = resolve(fileURLToPath(import.meta.url), '../..')
const DURATION = Number(process.env.BENCH_SECONDS ?? 8)
const CONNECTIONS = 50

function spawnServer(
  args: string[],
): Promise<{ child: ChildProcess; url: string; startMs: number }> {
  const started = performance.now()
  return new Promise((res, rej) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] })
    let err = ''
    child.stderr!.on('data', (d) => {
      err += d
      const m = /receiving on (http:\/\/\S+:\d+)/.exec(err)
      if (m) res({ child, url: m[1], startMs: performance.now() - started })
    })
    child.on('exit', (code) => rej(new Error(`server exited ${code}: ${err}`)))
  })
}

/** `hooklens listen` as a user runs it, receiver only, on a free port. */
function spawnListen(dir: string, ...extra: string[]) {
  const args = ['listen', '--port', '0', '--no-tunnel', '--no-ui', '--data-dir', dir, ...extra]
  return spawnServer([join(ROOT, 'bin/hooklens.mjs'), ...args])
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((r) => {
    child.once('exit', () => r())
    child.kill('SIGTERM')
  })
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024
}

async function load(url: string) {
  const body = JSON.stringify({ type: 'task.status', payload: 'x'.repeat(960) })
  const result = await autocannon({
    url: `${url}/bench`,
    method: 'POST',
    headers: { 'content-type': 'application/json', 'webhook-id': 'msg_bench' },
    body,
    connections: CONNECTIONS,
    duration: DURATION,
  })
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  }
}

async function throughput(): Promise<Record<string, string | number>> {
  const bare = await spawnServer([join(ROOT, 'bench/bare-fastify.mjs')])
  await load(bare.url) // warm-up
  const base = await load(bare.url)
  await stop(bare.child)

  const dir = await mkdtemp(join(tmpdir(), 'hooklens-bench-'))
  const hl = await spawnListen(dir, '--json')
  await load(hl.url)
  const ours = await load(hl.url)
  await stop(hl.child)
  await rm(dir, { recursive: true, force: true })
  return {
    'bare fastify req/s': Math.round(base.rps),
    'hooklens listen req/s': Math.round(ours.rps),
    'throughput ratio (target ≥ 0.7)': +(ours.rps / base.rps).toFixed(2),
    'bare fastify p50/p99 ms': `${base.p50} / ${base.p99}`,
    'hooklens p50/p99 ms': `${ours.p50} / ${ours.p99}`,
    'p99 ratio (target ≤ 3)': +(ours.p99 / Math.max(1, base.p99)).toFixed(2),
    'hooklens errors': ours.errors,
  }
}

export async function writeLog(dir: string, n: number): Promise<void> {
  const parts: Buffer[] = []
  const t0 = Date.parse('2026-11-01T00:00:00Z')
  for (let i = 0; i < n; i++) {
    const id = `01BENCH${String(i).padStart(19, '0')}`
    const e: EventSummary = {
      id,
      receivedAt: new Date(t0 + i * 1000).toISOString(),
      method: 'POST',
      path: '/hooks/a2a',
      query: '',
      headers: [
        ['host', '127.0.0.1:9000'],
        ['content-type', 'application/json'],
        ['x-a2a-notification-token', 'tok'],
        ['user-agent', 'node'],
        ['content-length', '1024'],
      ],
      size: 1024,
      sha256: id.padEnd(64, '0'),
      remoteAddress: '127.0.0.1',
      via: 'local',
      forwardedFor: null,
      verification: { scheme: null, status: 'none', reason: 'no verifier configured' },
      idempotency: { key: id, source: 'a2a:sha256', status: 'first', firstId: id, count: 1 },
      classification: { platform: 'a2a', eventType: 'status-update', subject: `task-${i % 500}` },
      response: { status: 200, latencyMs: 1 },
    }
    parts.push(eventLine(e, Buffer.alloc(1024, 97 + (i % 26))))
  }
  await writeFile(join(dir, 'events.jsonl'), Buffer.concat(parts))
  await writeFile(
    join(dir, 'settings.json'),
    JSON.stringify({ retention: { maxEvents: 200_000, maxBytes: 1024 ** 3 } }),
  )
}

async function startup(): Promise<Record<string, string | number>> {
  const dir = await mkdtemp(join(tmpdir(), 'hooklens-bench-100k-'))
  await writeLog(dir, 100_000)
  // First run warms tsx's compile cache, as any second `npx hooklens` run would be.
  const warm = await spawnListen(dir)
  await stop(warm.child)
  const hl = await spawnListen(dir)
  const rss = rssMb(hl.child.pid!)
  await stop(hl.child)
  await rm(dir, { recursive: true, force: true })
  return {
    '100k events: listen start-up to listening ms (target < 2000)': Math.round(hl.startMs),
    '100k events: RSS MB (target < 250)': Math.round(rss),
  }
}

export async function runCaptureBench(): Promise<Record<string, string | number>> {
  return { ...(await throughput()), ...(await startup()) }
}
