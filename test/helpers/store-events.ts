/** Test events for the event log: contract-shaped summaries with unique ULID-like ids. */
import type { EventSummary } from '../../shared/event'
import { open, readFile, stat } from 'node:fs/promises'
import { segmentFile, type EventStore } from '../../electron/core/store/event-store'

let seq = 0

export function testEvent(overrides: Partial<EventSummary> = {}): EventSummary {
  seq++
  const id = `01TEST${String(seq).padStart(20, '0')}`
  return {
    id,
    receivedAt: new Date(1_700_000_000_000 + seq).toISOString(),
    method: 'POST',
    path: `/e/${seq}`,
    query: '',
    headers: [['Content-Type', 'application/json']],
    size: 0,
    sha256: 'x',
    remoteAddress: '127.0.0.1',
    via: 'local',
    forwardedFor: null,
    verification: { scheme: null, status: 'none', reason: 'no verifier configured' },
    idempotency: { key: id, source: 'sha256', status: 'first', firstId: id, count: 1 },
    classification: { platform: 'unknown', eventType: null, subject: null },
    response: { status: 200, latencyMs: 1 },
    ...overrides,
  }
}

/** Appends `n` events with bodies of `bodySize` bytes ('a', 'b', … by position). */
export async function fill(store: EventStore, n: number, bodySize = 10): Promise<EventSummary[]> {
  const out: EventSummary[] = []
  for (let i = 0; i < n; i++) {
    out.push(await store.append(testEvent(), Buffer.alloc(bodySize, 97 + (i % 26))))
  }
  return out
}

export const exists = (file: string): Promise<boolean> =>
  stat(file).then(
    () => true,
    () => false,
  )

/** Overwrites the start of segment `seq`'s line `n` in `dir` (same length: the size stays). */
export async function spoilLine(dir: string, seq: number, n: number): Promise<void> {
  const text = await readFile(segmentFile(dir, seq), 'utf8')
  let at = 0
  for (let i = 0; i < n; i++) at = text.indexOf('\n', at) + 1
  const fh = await open(segmentFile(dir, seq), 'r+')
  await fh.write(Buffer.from('XXXXXXX'), 0, 7, at)
  await fh.close()
}
