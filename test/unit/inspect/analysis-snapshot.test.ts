/**
 * The analysis snapshot's round trip (hooklens/analysis-snapshot.ts): state replayed from stored
 * events, saved and loaded into fresh analyzers, is saved again byte for byte the same and
 * answers the same — keys with tabs, newlines, quotes, backslashes, a leading `#`, a lone
 * surrogate and non-ASCII included.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createAnalyzers } from '../../../electron/core/hooklens/default-analyzers'
import {
  ANALYSIS_SNAPSHOT,
  applySnapshot,
  saveSnapshot,
} from '../../../electron/core/hooklens/analysis-snapshot'
import type { Analyzers } from '../../../electron/core/hooklens/analyzers'
import type { IdempotencyStatus } from '../../../shared/event'
import { DEFAULT_LENS_SETTINGS } from '../../../electron/core/inspect/lens'

// `#…` keys would read as section lines, a lone surrogate (from a JSON body) would not survive
// UTF-8: both must come back as they went in.
const KEYS = [
  'plain',
  'tab\there',
  'new\nline',
  '"quoted',
  'back\\slash',
  'ünïcødé',
  '\\N',
  '',
  '#abc',
  '#verdicts',
  'lone\ud800',
  'pair😀',
]

/** Every replayed event's digest and status: what the store answers `digestOf` with. */
const stored = new Map<string, { sha256: string; status: string }>()
const digestOf = (id: string) => stored.get(id) ?? null

function replayAll(an: Analyzers): void {
  let n = 0
  // A key with one stored event: the snapshot leaves its digest out (read back when needed).
  an.replayIdempotency({
    id: '01KSSOLO000000000000000000',
    sha256: 'c'.repeat(64),
    idempotency: {
      key: 'solo',
      source: 'sha256',
      status: 'first',
      firstId: '01KSSOLO000000000000000000',
      count: 1,
    },
  })
  stored.set('01KSSOLO000000000000000000', { sha256: 'c'.repeat(64), status: 'first' })
  // A key that is the event's own id (a sender's unique id): saved as the key alone.
  const own = '01KSOWN0000000000000000000'
  an.replayIdempotency({
    id: own,
    sha256: 'd'.repeat(64),
    idempotency: { key: own, source: 'header:webhook-id', status: 'first', firstId: own, count: 1 },
  })
  stored.set(own, { sha256: 'd'.repeat(64), status: 'first' })
  for (const key of KEYS) {
    for (const [status, count] of [
      ['first', 1],
      ['duplicate', 2],
      ['conflict', 3],
    ] as [IdempotencyStatus, number][]) {
      const id = `01KS${String(n++).padStart(22, '0')}`
      const firstId = `01KS${String(n - count).padStart(22, '0')}`
      const sha256 = status === 'conflict' ? 'b'.repeat(64) : 'a'.repeat(64)
      stored.set(id, { sha256, status })
      an.replayIdempotency({
        id,
        sha256,
        idempotency: { key, source: 'header:webhook-id', status, firstId, count },
        classification: {
          platform: 'a2a',
          eventType: 'status-update',
          subject: `task ${key}`,
          details: { stateName: n % 3 ? 'submitted' : 'working' },
        },
        receivedAt: new Date(Date.UTC(2026, 0, 1) + n * 1000).toISOString(),
      })
    }
  }
}

describe('analysis snapshot round trip', () => {
  it('loads what it saved, and saves it again the same', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hooklens-snapshot-'))
    try {
      const a = createAnalyzers()
      replayAll(a)
      await saveSnapshot(dir, 'stamp', a, () => true)
      const text = await readFile(join(dir, ANALYSIS_SNAPSHOT), 'utf8')
      const b = createAnalyzers()
      expect(applySnapshot(text, 'other stamp', b, digestOf)).toBe(false)
      expect(applySnapshot(text, 'stamp', b, digestOf)).toBe(true)
      await saveSnapshot(dir, 'stamp', b, () => true)
      expect(await readFile(join(dir, ANALYSIS_SNAPSHOT), 'utf8')).toBe(text)
      const now = Date.UTC(2026, 0, 2)
      const statuses: string[] = []
      const stalls = a.stalls!(now, DEFAULT_LENS_SETTINGS)
      expect(stalls.length).toBe(KEYS.length)
      expect(b.stalls!(now, DEFAULT_LENS_SETTINGS)).toEqual(stalls)
      // The same verdict for the next delivery of every key, from either.
      const deliveries: [string, string][] = [
        ...KEYS.map((k): [string, string] => [k, 'a'.repeat(64)]),
        ['solo', 'a'.repeat(64)],
        ['solo', 'c'.repeat(64)],
        ['01KSOWN0000000000000000000', 'd'.repeat(64)],
      ]
      for (const [i, [key, sha256]] of deliveries.entries()) {
        const input = {
          id: `01KT${i}`,
          receivedAt: new Date(now),
          method: 'POST',
          path: '/hooks',
          query: '',
          headers: [['webhook-id', key]] as [string, string][],
          body: Buffer.from('{}'),
          sha256,
          url: 'http://127.0.0.1/hooks',
          publicUrl: null,
        }
        const ca = a.classify(input)
        const cb = b.classify(input)
        const got = b.idempotency(input, cb)
        expect(got).toEqual(a.idempotency(input, ca))
        if (key === 'solo' || key.startsWith('01KSOWN')) statuses.push(got.status)
      }
      expect(statuses).toEqual(['conflict', 'duplicate', 'duplicate'])
      expect(text).toMatch(/\n01KSOWN0000000000000000000\n/)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
