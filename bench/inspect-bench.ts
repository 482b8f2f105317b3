/**
 * Inspect bench: structural diff of two ~1 MiB JSON documents (target < 300 ms, parse
 * included) and the per-event cost of the duplicate index at growing sizes (should stay flat:
 * O(1) per event). Prints figures (CPU time of this process); asserts nothing.
 */
import { createHash } from 'node:crypto'
import { pathToFileURL } from 'node:url'
import { IdempotencyIndex, classify, idempotencyKey } from '../electron/core/inspect'
import { diffBodies } from '../shared/diff'

const MiB = 1024 * 1024

/**
 * CPU time of this process in ms. The bench machine is shared (2 cores, other jobs running), so
 * wall-clock figures mostly measure the neighbours; CPU time measures this code.
 */
function cpuMs(): number {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}

/** An A2A-like task snapshot with a long history, grown until it is about `bytes` long. */
function bigTask(bytes: number): Record<string, unknown> {
  const history: Record<string, unknown>[] = []
  const artifacts: Record<string, unknown>[] = []
  const doc = {
    kind: 'task',
    id: 'task-1',
    contextId: 'ctx-1',
    status: { state: 'working' },
    history,
    artifacts,
  }
  let size = 200
  for (let i = 0; size < bytes; i++) {
    const m = {
      messageId: `m-${i}`,
      role: i % 2 ? 'agent' : 'user',
      parts: [{ kind: 'text', text: `message ${i} `.repeat(8) }],
      metadata: { seq: i, tokens: (i * 37) % 500, tags: ['a', 'b', String(i % 7)] },
    }
    history.push(m)
    if (i % 50 === 0) artifacts.push({ artifactId: `art-${i}`, name: `part ${i}`, size: i })
    size += JSON.stringify(m).length + 1
  }
  return doc
}

/** The "next delivery": state change, scattered edits, an insertion, a reorder, a type change. */
function mutate(doc: Record<string, unknown>): Record<string, unknown> {
  const next = structuredClone(doc) as {
    status: { state: string }
    history: Record<string, unknown>[]
    artifacts: Record<string, unknown>[]
  }
  next.status.state = 'completed'
  for (let i = 100; i < next.history.length; i += 500) {
    ;(next.history[i].metadata as Record<string, unknown>).tokens = -1
  }
  next.history.splice(Math.floor(next.history.length / 2), 0, {
    messageId: 'm-inserted',
    role: 'agent',
    parts: [{ kind: 'text', text: 'inserted' }],
  })
  next.artifacts.reverse()
  ;(next.history[3].metadata as Record<string, unknown>).seq = '3'
  return next as unknown as Record<string, unknown>
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]
}

function benchDiff(): Record<string, string | number> {
  const a = new TextEncoder().encode(JSON.stringify(bigTask(MiB)))
  const b = new TextEncoder().encode(
    JSON.stringify(mutate(JSON.parse(new TextDecoder().decode(a)))),
  )
  const times: number[] = []
  let changes = 0
  for (let run = 0; run < 7; run++) {
    const t0 = cpuMs()
    const d = diffBodies(a, b)
    times.push(cpuMs() - t0)
    if (d.kind === 'json')
      changes = d.counts.added + d.counts.removed + d.counts.changed + d.counts.moved
  }
  return {
    'diff 1 MiB JSON: sizes (bytes)': `${a.length} / ${b.length}`,
    'diff 1 MiB JSON: changes found': changes,
    'diff 1 MiB JSON: median ms (target < 300)': Number(median(times).toFixed(1)),
    'diff 1 MiB JSON: max ms': Number(Math.max(...times).toFixed(1)),
    ...benchTextDiff(),
  }
}

/** Line diff of ~1 MiB texts: a few edited lines, and rewritten throughout (gives up early). */
function benchTextDiff(): Record<string, number> {
  const lines = Array.from({ length: 30_000 }, (_, i) => `line ${i} ${'x'.repeat(25)}`)
  const a = lines.join('\n')
  const few = lines.map((l, i) => (i % 3000 === 0 ? `${l}!` : l)).join('\n')
  const all = lines.map((l) => `${l}?`).join('\n')
  const time = (b: string): number => {
    const t0 = cpuMs()
    diffBodies(a, b)
    return Number((cpuMs() - t0).toFixed(1))
  }
  return {
    'diff 1 MiB text, 10 lines edited: ms': time(few),
    'diff 1 MiB text, every line edited (gives up): ms': time(all),
  }
}

/**
 * Per-event cost of the duplicate index once it already holds `n` events: prefill (untimed),
 * then time a fixed batch of new arrivals, half of them repeating earlier keys.
 */
function benchIndex(): Record<string, string | number> {
  const out: Record<string, string | number> = {}
  const batch = 100_000
  for (const n of [1_000, 100_000, 1_000_000]) {
    const idx = new IdempotencyIndex()
    for (let i = 0; i < n; i++) idx.observe({ id: `p${i}`, key: `key-${i}`, sha256: 'a' })
    const arrivals = Array.from({ length: batch }, (_, i) => ({
      id: `e${i}`,
      key: i % 2 ? `key-${(i * 7919) % n}` : `new-${i}`,
      sha256: i % 4 === 1 ? 'b' : 'a',
    }))
    const t0 = cpuMs()
    for (const e of arrivals) idx.observe(e)
    const ns = ((cpuMs() - t0) * 1e6) / batch
    out[`duplicate index: ns per event with ${n.toLocaleString('en')} stored`] = Math.round(ns)
  }
  // What a bare Map get + set costs on this machine right now, for scale.
  const m = new Map<string, { ids: string[] }>()
  const ids = Array.from({ length: batch }, (_, i) => `b${i}`)
  const t0 = cpuMs()
  for (let i = 0; i < batch; i++) {
    const hit = m.get(ids[i >> 1])
    if (hit) hit.ids.push(ids[i])
    else m.set(ids[i], { ids: [ids[i]] })
  }
  out['baseline: ns per bare Map get + set'] = Math.round(((cpuMs() - t0) * 1e6) / batch)
  return out
}

function benchClassify(): Record<string, string | number> {
  const body = Buffer.from(
    '{"event":"execution.completed","execution_id":"exec_abc","workflow_id":"run_x7y8z9","status":"succeeded","duration_ms":14200,"result":{"summary":"ok"},"timestamp":"2026-03-23T10:00:00Z"}',
  )
  const headers: [string, string][] = [
    ['Content-Type', 'application/json'],
    ['X-AgentField-Signature', 'sha256=00'],
  ]
  const sha256 = createHash('sha256').update(body).digest('hex')
  const n = 20_000
  const t0 = cpuMs()
  for (let i = 0; i < n; i++) {
    const b = Buffer.from(body) // a fresh buffer per event, as the receiver hands over
    const classification = classify({ method: 'POST', path: '/hooks', headers, body: b })
    idempotencyKey({ headers, body: b, classification, sha256 })
  }
  return {
    'classify + key: µs per small event': Number((((cpuMs() - t0) * 1000) / n).toFixed(1)),
  }
}

export async function runInspectBench(): Promise<Record<string, string | number>> {
  const results = { ...benchDiff(), ...benchIndex(), ...benchClassify() }
  return results
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const [k, v] of Object.entries(await runInspectBench())) console.log(`${k}: ${v}`)
}
