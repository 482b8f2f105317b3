/**
 * The retry-storm window is kept in place and read without writes when times arrive in order;
 * this compares its findings with the straightforward window (filter, push, cap) over random
 * keys, times that sometimes go backwards, and small and large storm settings.
 */
import { describe, expect, it } from 'vitest'
import { DEFAULT_LENS_SETTINGS, SequenceTracker } from '../../../electron/core/inspect/lens'
import type { LensSettings } from '../../../electron/core/inspect/lens'

function rng(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

/** What the tracker keeps at most of keys and of subjects (least recently updated dropped). */
const MAX_KEYS = 10_000

/**
 * The window as first written: every time in the window, oldest dropped past the cap; keys
 * re-inserted on every event (least recently updated first) and the oldest dropped past
 * MAX_KEYS.
 */
function stormByFilter(
  windows: Map<string, number[]>,
  key: string,
  at: number,
  settings: LensSettings,
): string | null {
  const seen = (windows.get(key) ?? []).filter((t) => t > at - settings.retryStormWindowMs)
  seen.push(at)
  const over = seen.length - Math.max(settings.retryStormCount, 50)
  if (over > 0) seen.splice(0, over)
  windows.delete(key)
  windows.set(key, seen)
  if (windows.size > MAX_KEYS) windows.delete(windows.keys().next().value as string)
  if (seen.length < settings.retryStormCount) return null
  return `retry storm: key ${key} arrived ${seen.length} times in ${Math.round((at - seen[0]) / 1000)} s (limit ${settings.retryStormCount} in ${Math.round(settings.retryStormWindowMs / 1000)} s)`
}

/** Event `i` with `key`, no subject: only the retry-storm window can find something. */
function observeKey(
  tracker: SequenceTracker,
  i: number,
  now: number,
  key: string,
  settings: LensSettings,
) {
  return tracker.observe(
    {
      id: `e${i}`,
      receivedAt: now,
      classification: { platform: 'unknown', eventType: null, subject: null },
      idempotency: { key, status: 'first' },
    },
    settings,
  )
}

describe('retry-storm window', () => {
  it('raises exactly what the straightforward window raises', () => {
    for (const [seed, settings] of [
      [1, DEFAULT_LENS_SETTINGS],
      [2, { ...DEFAULT_LENS_SETTINGS, retryStormCount: 3, retryStormWindowMs: 5_000 }],
      [3, { ...DEFAULT_LENS_SETTINGS, retryStormCount: 80, retryStormWindowMs: 120_000 }],
    ] as const) {
      const r = rng(seed)
      const tracker = new SequenceTracker()
      const windows = new Map<string, number[]>()
      let now = Date.parse('2026-12-01T10:00:00.000Z')
      let storms = 0
      for (let i = 0; i < 5_000; i++) {
        // Mostly forward by up to 2 s; sometimes a clock step back.
        now += r() < 0.05 ? -Math.floor(r() * 30_000) : Math.floor(r() * 2_000)
        const key = `k${Math.floor(r() * 3)}`
        const found = observeKey(tracker, i, now, key, settings)
        const expected = stormByFilter(windows, key, now, settings)
        expect(found.map((f) => f.message)).toEqual(expected === null ? [] : [expected])
        if (expected) storms++
      }
      expect(storms).toBeGreaterThan(100)
    }
  })

  it('forgets the least recently seen key past 10,000 keys, a busy key repeating included', () => {
    const settings = { ...DEFAULT_LENS_SETTINGS, retryStormCount: 2, retryStormWindowMs: 3_600_000 }
    const r = rng(5)
    const tracker = new SequenceTracker()
    const windows = new Map<string, number[]>()
    let now = Date.parse('2026-12-01T10:00:00.000Z')
    for (let i = 0; i < 40_000; i++) {
      now += 10
      // Runs of one hot key, then keys from a pool larger than the limit.
      const key = r() < 0.5 ? `hot${Math.floor(i / 500) % 3}` : `k${Math.floor(r() * 14_000)}`
      const found = observeKey(tracker, i, now, key, settings)
      const expected = stormByFilter(windows, key, now, settings)
      if (
        found.length !== (expected === null ? 0 : 1) ||
        found[0]?.message !== (expected ?? undefined)
      )
        expect([i, found.map((f) => f.message)]).toEqual([i, expected === null ? [] : [expected]])
    }
  })

  it('keeps subjects in least recently updated order (snapshot order), repeats included', () => {
    const r = rng(9)
    const tracker = new SequenceTracker()
    const order = new Map<string, string>()
    for (let i = 0; i < 3_000; i++) {
      const subject = r() < 0.6 ? `t${Math.floor(i / 40) % 4}` : `t${Math.floor(r() * 50)}`
      const id = `e${String(i).padStart(5, '0')}`
      tracker.observe(
        {
          id,
          receivedAt: 1_700_000_000_000 + i,
          classification: { platform: 'a2a', eventType: 'task', subject, details: {} },
          idempotency: { key: id, status: 'first' },
        },
        DEFAULT_LENS_SETTINGS,
      )
      order.delete(subject)
      order.set(subject, id)
    }
    const lines = [...tracker.exportLines(() => true)].slice(1)
    expect(lines.map((l) => l.split('\t')[3])).toEqual([...order.values()])
  })
})
