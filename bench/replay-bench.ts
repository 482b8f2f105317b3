/**
 * Replay bench. (1) Replay overhead: p50 of `replayRequest` (header rebuild, undici send, delivery
 * record) minus p50 of the same request sent directly with undici, to a local handler; target
 * < 2 ms. (2) Forwarding at 50 req/s: p50 time from capture (enqueue) to the handler receiving
 * the event, minus the same for a direct send; target < 5 ms. (3) The whole path at 50 req/s:
 * sender → Hooklens receiver (capture, analysis, event log) → forward → handler, against a direct
 * send. Prints figures; asserts nothing.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { request } from 'undici'
import { DeliveryStore, Forwarder, replayRequest, type ReplaySource } from '../electron/core/replay'
import { createHooklens } from '../electron/core/hooklens/hooklens'
import { createAnalyzers } from '../electron/core/hooklens/default-analyzers'

const BODY = Buffer.from(
  JSON.stringify({
    statusUpdate: { taskId: 't1', contextId: 'c1', status: { state: 'TASK_STATE_COMPLETED' } },
    pad: 'x'.repeat(800),
  }),
)
const HEADERS: [string, string][] = [
  ['Content-Type', 'application/a2a+json'],
  ['X-A2A-Notification-Token', 'tok'],
  ['accept', '*/*'],
  ['user-agent', 'node'],
]

function p50(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]
}

async function handler(onBody: (seq: number, at: number) => void) {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      onBody(Number(req.headers['x-seq'] ?? -1), performance.now())
      res.end('ok')
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`
  return {
    url,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections()
        server.close(() => r())
      }),
  }
}

async function replayOverhead(results: Record<string, string | number>, dir: string) {
  const h = await handler(() => undefined)
  const event: ReplaySource = {
    id: '01BENCH',
    method: 'POST',
    path: '/hook',
    query: '',
    headers: HEADERS,
    receivedAt: new Date().toISOString(),
  }
  const flat = HEADERS.flat()
  const direct = async () => {
    const t = performance.now()
    const res = await request(h.url, { method: 'POST', headers: flat, body: BODY })
    await res.body.text()
    return performance.now() - t
  }
  const replay = async () => {
    const t = performance.now()
    await replayRequest({ event, body: BODY, to: h.url })
    return performance.now() - t
  }
  const store = await DeliveryStore.open({ dir })
  const recorded = async () => {
    const t = performance.now()
    await replayRequest({ event, body: BODY, to: h.url, store })
    return performance.now() - t
  }
  const N = 1500
  for (let i = 0; i < 300; i++) {
    await direct()
    await replay()
    await recorded()
  }
  const d: number[] = []
  const r: number[] = []
  const w: number[] = []
  // Interleaved so both see the same machine load.
  for (let i = 0; i < N; i++) {
    d.push(await direct())
    r.push(await replay())
    w.push(await recorded())
  }
  results['replay: direct undici request p50 (ms)'] = +p50(d).toFixed(3)
  results['replay: replayRequest p50 (ms)'] = +p50(r).toFixed(3)
  results['replay: overhead p50 (ms, target < 2)'] = +(p50(r) - p50(d)).toFixed(3)
  results['replay: overhead with delivery record on disk p50 (ms)'] = +(p50(w) - p50(d)).toFixed(3)
  await store.close()
  await h.close()
}

async function forwardingAdded(results: Record<string, string | number>, dir: string) {
  const sentAt = new Map<number, number>()
  const lat = new Map<number, number>()
  const h = await handler((seq, at) => lat.set(seq, at - (sentAt.get(seq) ?? at)))
  const RATE = 50
  const COUNT = 250 // 5 s at 50 req/s
  const run = async (send: (seq: number) => void) => {
    lat.clear()
    sentAt.clear()
    const start = performance.now()
    for (let i = 0; i < COUNT; i++) {
      const due = start + (i * 1000) / RATE
      const wait = due - performance.now()
      if (wait > 0) await new Promise((r) => setTimeout(r, wait))
      sentAt.set(i, performance.now())
      send(i)
    }
    while (lat.size < COUNT) await new Promise((r) => setTimeout(r, 5))
    return [...lat.values()]
  }
  const flat = (seq: number) => [...HEADERS.flat(), 'x-seq', String(seq)]
  const direct = await run((seq) => {
    void request(h.url, { method: 'POST', headers: flat(seq), body: BODY }).then((res) =>
      res.body.text(),
    )
  })
  const store = await DeliveryStore.open({ dir })
  const f = new Forwarder({ store, rules: [{ id: 'bench', targets: [h.url] }] })
  const forwarded = await run((seq) => {
    f.enqueue(
      {
        id: `01SEQ${seq}`,
        method: 'POST',
        path: '/hook',
        query: '',
        headers: [...HEADERS, ['x-seq', String(seq)]],
      },
      BODY,
    )
  })
  await f.idle()
  await f.stop()
  await store.close()
  results['forward @50 req/s: direct send → handler p50 (ms)'] = +p50(direct).toFixed(3)
  results['forward @50 req/s: capture → handler p50 (ms)'] = +p50(forwarded).toFixed(3)
  results['forward @50 req/s: added p50 (ms, target < 5)'] = +(
    p50(forwarded) - p50(direct)
  ).toFixed(3)
  // The whole path: sender → Hooklens receiver (capture, verify, store) → forward → handler.
  const hl = await createHooklens({
    dataDir: join(dir, 'hooklens'),
    port: 0,
    host: '127.0.0.1',
    analyzers: createAnalyzers(),
    forwardTo: [h.url],
  })
  await hl.start()
  const viaReceiver = await run((seq) => {
    void request(`${hl.receiverUrl}/hook`, { method: 'POST', headers: flat(seq), body: BODY }).then(
      (res) => res.body.text(),
    )
  })
  await hl.replay.forwarder.idle()
  await hl.stop()
  results['forward @50 req/s: sender → hooklens receiver → handler p50 (ms)'] =
    +p50(viaReceiver).toFixed(3)
  results['forward @50 req/s: receiver + forwarding added end to end p50 (ms)'] = +(
    p50(viaReceiver) - p50(direct)
  ).toFixed(3)
  await h.close()
}

export async function runReplayBench(): Promise<Record<string, string | number>> {
  const results: Record<string, string | number> = {}
  const dir = await mkdtemp(join(tmpdir(), 'hooklens-replay-bench-'))
  try {
    await replayOverhead(results, join(dir, 'replay'))
    await forwardingAdded(results, join(dir, 'forward'))
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
  return results
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const [k, v] of Object.entries(await runReplayBench())) console.log(`${k}: ${v}`)
}
