/**
 * Profiling aid for issue 11 (not a bench: it prints no ratios): runs `hooklens listen` (as the
 * capture bench does, 10,000 events kept, --json) or bare fastify under the capture bench's
 * saturation load with `node --cpu-prof`, and prints its req/s and the .cpuprofile path.
 * `node bin/run-ts.mjs bench/profile-listen.ts [listen|bare]`; PROFILE_SECONDS=6 by default.
 * NO_PROF=1 runs without the profiler (a clean CPU figure; PRELOAD=URL then preloads a module),
 * NO_JSON=1 runs `listen` without --json, STORM=1 sends one webhook-id for every request,
 * SCRIPT=file.ts profiles that script instead.
 */
import { mkdtemp, readdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { cpuMs, spawnServer, stop, writeLog, ROOT } from './bench-servers'
import { closedLoad } from './steady-load'

const which = process.argv[2] === 'bare' ? 'bare' : process.env.SCRIPT ? 'script' : 'listen'
const BODY = Buffer.from(JSON.stringify({ type: 'task.status', payload: 'x'.repeat(960) }))
// As the capture bench: a new webhook-id per request; STORM=1 sends one id for all (a retry storm).
const HEADERS: Record<string, string> = process.env.STORM
  ? { 'content-type': 'application/json', 'webhook-id': 'msg_bench' }
  : { 'content-type': 'application/json' }
const ID_HEADER = process.env.STORM ? undefined : 'webhook-id'
const profDir = await mkdtemp(join(tmpdir(), 'hooklens-prof-'))
// Bare fastify has no SIGTERM handler: exit normally so V8 writes the profile.
const exitOnTerm = "--import=data:text/javascript,process.once('SIGTERM',()=>process.exit(0))"
const prof = process.env.NO_PROF
  ? process.env.PRELOAD
    ? [`--import=${process.env.PRELOAD}`]
    : []
  : ['--cpu-prof', '--cpu-prof-dir', profDir]
let args: string[]
if (which === 'bare') args = [exitOnTerm, ...prof, join(ROOT, 'bench/bare-fastify.mjs')]
else if (process.env.SCRIPT) args = [...prof, join(ROOT, 'bin/run-ts.mjs'), process.env.SCRIPT]
else {
  const dir = await mkdtemp(join(tmpdir(), 'hooklens-prof-data-'))
  await writeLog(dir, 10_000, { retention: { maxEvents: 10_000, maxBytes: 1024 ** 3 } })
  const listen = [
    'listen',
    '--port',
    '0',
    '--no-tunnel',
    '--no-ui',
    '--data-dir',
    dir,
    ...(process.env.NO_JSON ? [] : ['--json']),
  ]
  args = [...prof, join(ROOT, 'bin/hooklens.mjs'), ...listen]
}
const server = await spawnServer(args)
const load = {
  connections: 50,
  seconds: Number(process.env.PROFILE_SECONDS ?? 6),
  body: BODY,
  headers: HEADERS,
  idHeader: ID_HEADER,
}
await closedLoad(server.url, { ...load, seconds: 2 }) // warm-up
const cpuBefore = cpuMs(server.child.pid!)
const r = await closedLoad(server.url, load)
const cpuPerRequest = ((cpuMs(server.child.pid!) - cpuBefore) * 1000) / (r.rps * load.seconds)
console.log(`server CPU per request: ${cpuPerRequest.toFixed(0)} µs`)
console.log(
  `${which}: ${Math.round(r.rps)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, errors ${r.errors}`,
)
const errText: string[] = []
server.child.stderr!.on('data', (d) => errText.push(String(d)))
await stop(server.child)
console.log(
  errText
    .join('')
    .split('\n')
    .filter((l) => l.includes('GCSTAT'))
    .join('\n'),
)
const files = (await readdir(profDir)).filter((f) => f.endsWith('.cpuprofile'))
console.log(files.length ? join(profDir, files[0]) : `no profile in ${profDir}`)
