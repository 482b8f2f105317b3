/**
 * What the capture and storage benches share: servers in their own processes (hooklens listen,
 * bare fastify, mockttp) that print "receiving on URL", their RSS, and data dirs pre-filled with
 * events written straight into segment files (the format `listen` writes).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdir, writeFile } from 'node:fs/promises'
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { eventLine } from '../electron/core/store/log-format'
import { segmentFile } from '../electron/core/store/segments'
import type { EventSummary } from '../shared/event'

export const ROOT = resolve(fileURLToPath(import.meta.url), '../..')

export interface Server {
  child: ChildProcess
  url: string
  startMs: number
}

export function spawnServer(args: string[]): Promise<Server> {
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
export function spawnListen(dir: string, ...extra: string[]): Promise<Server> {
  const args = ['listen', '--port', '0', '--no-tunnel', '--no-ui', '--data-dir', dir, ...extra]
  return spawnServer([join(ROOT, 'bin/hooklens.mjs'), ...args])
}

export const spawnBareFastify = () => spawnServer([join(ROOT, 'bench/bare-fastify.mjs')])
export const spawnMockttp = () => spawnServer([join(ROOT, 'bench/mockttp-peer.mjs')])
/** The capture floor: fastify that hashes and appends each request to `file` before answering. */
export const spawnFloor = (file: string) =>
  spawnServer([join(ROOT, 'bench/floor-fastify.mjs'), file])

export function stop(child: ChildProcess): Promise<void> {
  return new Promise((r) => {
    if (child.exitCode !== null) return r()
    child.once('exit', () => r())
    child.kill('SIGTERM')
  })
}

/**
 * User + system CPU a process has used so far, in ms (Linux /proc, 10 ms ticks). CPU per request
 * is what a saturated server's throughput is made of, and unlike req/s it barely moves when
 * other work shares the machine.
 */
export function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
  return (Number(fields[11]) + Number(fields[12])) * 10
}

export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024
}

export function benchEvent(i: number, size: number): EventSummary {
  const id = `01BENCH${String(i).padStart(19, '0')}`
  return {
    id,
    receivedAt: new Date(Date.parse('2026-11-01T00:00:00Z') + i * 1000).toISOString(),
    method: 'POST',
    path: '/hooks/a2a',
    query: '',
    headers: [
      ['host', '127.0.0.1:9000'],
      ['content-type', 'application/json'],
      ['x-a2a-notification-token', 'tok'],
      ['user-agent', 'node'],
      ['content-length', String(size)],
    ],
    size,
    sha256: id.padEnd(64, '0'),
    remoteAddress: '127.0.0.1',
    via: 'local',
    forwardedFor: null,
    verification: { scheme: null, status: 'none', reason: 'no verifier configured' },
    idempotency: { key: id, source: 'a2a:sha256', status: 'first', firstId: id, count: 1 },
    classification: { platform: 'a2a', eventType: 'status-update', subject: `task-${i % 500}` },
    response: { status: 200, latencyMs: 1 },
  }
}

/**
 * Writes `n` events of `size`-byte bodies into segment files of `perSegment` events, and
 * settings.json with the given retention.
 */
export async function writeLog(
  dir: string,
  n: number,
  opts: {
    size?: number
    perSegment?: number
    retention?: { maxEvents: number; maxBytes: number }
  } = {},
): Promise<void> {
  const size = opts.size ?? 1024
  const per = opts.perSegment ?? 6_250
  await mkdir(join(dir, 'events'), { recursive: true })
  for (let seg = 0; seg * per < n; seg++) {
    const parts: Buffer[] = []
    for (let i = seg * per; i < Math.min(n, (seg + 1) * per); i++) {
      parts.push(eventLine(benchEvent(i, size), Buffer.alloc(size, 97 + (i % 26))))
    }
    await writeFile(segmentFile(dir, seg + 1), Buffer.concat(parts))
  }
  const retention = opts.retention ?? { maxEvents: 200_000, maxBytes: 1024 ** 3 }
  await writeFile(join(dir, 'settings.json'), JSON.stringify({ retention }))
}
