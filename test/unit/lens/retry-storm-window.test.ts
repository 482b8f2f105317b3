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

/** The window as first written: every time in the window, oldest dropped past the cap. */
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
  windows.set(key, seen)
  if (seen.length < settings.retryStormCount) return null
  return `retry storm: key ${key} arrived ${seen.length} times in ${Math.round((at - seen[0]) / 1000)} s (limit ${settings.retryStormCount} in ${Math.round(settings.retryStormWindowMs / 1000)} s)`
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
        const found = tracker.observe(
          {
            id: `e${i}`,
            receivedAt: now,
            classification: { platform: 'unknown', eventType: null, subject: null },
            idempotency: { key, status: 'first' },
          },
          settings,
        )
        const expected = stormByFilter(windows, key, now, settings)
        expect(found.map((f) => f.message)).toEqual(expected === null ? [] : [expected])
        if (expected) storms++
      }
      expect(storms).toBeGreaterThan(100)
    }
  })
})
