/**
 * Capture bench (issue 11): `hooklens listen` writing every event before it answers, side by
 * side with bare fastify answering 200 (the limit) and mockttp recording every request in memory
 * (HTTP Toolkit's engine) — each server in its own process, the same load for each: saturation
 * (50 closed-loop keep-alive senders, 1 KiB JSON) with retention active (the data dir already holds the
 * default 10,000 events, so every capture drops one), then a steady 500 requests/s. Saturation
 * also runs the capture floor (bench/floor-fastify.mjs: fastify that only hashes and appends one
 * line per request before answering), the most any capture that writes before it answers reaches.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  spawnBareFastify,
  spawnListen,
  spawnMockttp,
  spawnFloor,
  cpuMs,
  stop,
  writeLog,
  type Server,
} from './bench-servers'
import { closedLoad, steadyLoad } from './steady-load'

const DURATION = Number(process.env.BENCH_SECONDS ?? 8)
const CONNECTIONS = 50
const BODY = Buffer.from(JSON.stringify({ type: 'task.status', payload: 'x'.repeat(960) }))
const HEADERS = { 'content-type': 'application/json', 'webhook-id': 'msg_bench' }

async function saturate(url: string) {
  return closedLoad(url, {
    connections: CONNECTIONS,
    seconds: DURATION,
    body: BODY,
    headers: HEADERS,
  })
}

/**
 * Each server alone on the machine: start, warm up, measure, stop. Also the server's CPU per
 * answered request over the measured run, in µs.
 */
async function measure<T extends { sent: number }>(
  start: () => Promise<Server>,
  run: (url: string) => Promise<T>,
): Promise<T & { cpuUs: number }> {
  const server = await start()
  try {
    await run(server.url) // warm-up (JIT, connection pools)
    const before = cpuMs(server.child.pid!)
    const result = await run(server.url)
    const cpuUs = ((cpuMs(server.child.pid!) - before) * 1000) / Math.max(1, result.sent)
    return { ...result, cpuUs: Math.round(cpuUs) }
  } finally {
    await stop(server.child)
  }
}

async function withListen<T extends { sent: number }>(
  run: (url: string) => Promise<T>,
): Promise<T & { cpuUs: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'hooklens-bench-'))
  try {
    // Retention active from the first request: the default limits are already full.
    await writeLog(dir, 10_000, { retention: { maxEvents: 10_000, maxBytes: 1024 ** 3 } })
    return await measure(() => spawnListen(dir, '--json'), run)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

async function withFloor<T extends { sent: number }>(
  run: (url: string) => Promise<T>,
): Promise<T & { cpuUs: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'hooklens-floor-'))
  try {
    return await measure(() => spawnFloor(join(dir, 'floor.jsonl')), run)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

const ratio = (a: number, b: number) => (b > 0 ? +(a / b).toFixed(2) : 'n/a')
const lat = (r: { p50: number; p99: number }) => `${r.p50} / ${r.p99}`

export async function runCaptureBench(): Promise<Record<string, string | number>> {
  const bare = await measure(spawnBareFastify, saturate)
  const mock = await measure(spawnMockttp, saturate)
  const floor = await withFloor(saturate)
  const ours = await withListen(saturate)
  const steady = (url: string) =>
    steadyLoad(url, { rate: 500, seconds: DURATION, body: BODY, headers: HEADERS })
  const bare5 = await measure(spawnBareFastify, steady)
  const mock5 = await measure(spawnMockttp, steady)
  const ours5 = await withListen(steady)
  return {
    'saturation req/s: bare fastify / mockttp / hooklens': `${Math.round(bare.rps)} / ${Math.round(mock.rps)} / ${Math.round(ours.rps)}`,
    'hooklens events written (warm-up + run, 10,000 kept)': `${ours.sent}+ (retention drops one per event)`,
    'throughput vs bare fastify (target ≥ 0.6)': ratio(ours.rps, bare.rps),
    'throughput vs mockttp (target ≥ 2)': ratio(ours.rps, mock.rps),
    'capture floor req/s (hash + append only) and vs bare fastify': `${Math.round(floor.rps)} = ${ratio(floor.rps, bare.rps)}`,
    'hooklens vs the capture floor': ratio(ours.rps, floor.rps),
    'CPU µs per request: bare fastify / mockttp / floor / hooklens': `${bare.cpuUs} / ${mock.cpuUs} / ${floor.cpuUs} / ${ours.cpuUs}`,
    'CPU per request vs bare fastify (lower is better)': ratio(ours.cpuUs, bare.cpuUs),
    'saturation p50/p99 ms: bare fastify': lat(bare),
    'saturation p50/p99 ms: mockttp': lat(mock),
    'saturation p50/p99 ms: hooklens': lat(ours),
    'saturation p99 vs bare fastify (target ≤ 3)': ratio(ours.p99, Math.max(1, bare.p99)),
    'errors: bare / mockttp / hooklens': `${bare.errors} / ${mock.errors} / ${ours.errors}`,
    '500 req/s ack p50/p99/max ms: bare fastify': `${lat(bare5)} / ${bare5.max}`,
    '500 req/s ack p50/p99/max ms: mockttp': `${lat(mock5)} / ${mock5.max}`,
    '500 req/s ack p50/p99/max ms: hooklens': `${lat(ours5)} / ${ours5.max}`,
    '500 req/s p99: hooklens − (2 × bare + 5 ms) (target ≤ 0)': +(
      ours5.p99 -
      (2 * bare5.p99 + 5)
    ).toFixed(1),
  }
}
