/**
 * withTransition copies the classification and its details with Object.assign (the spread was
 * the slow part of classifying a subject's events); the copies must be what the spread gave:
 * same keys, same order, the input left alone, an own `__proto__` key kept as a key.
 */
import { describe, expect, it } from 'vitest'
import { withTransition } from '../../../electron/core/inspect'
import { classify } from '../../../electron/core/inspect'
import type { Classification } from '../../../shared/event'
import * as fx from '../../fixtures/platforms'

/** withTransition as first written. */
function bySpread(c: Classification, previousState: string): Classification {
  const after =
    ['stateName', 'state', 'status']
      .map((k) => c.details?.[k])
      .find((v): v is string => typeof v === 'string') ?? null
  const details: Record<string, unknown> = { ...(c.details ?? {}), previousState }
  if (after !== null && after !== previousState) details.transition = `${previousState} → ${after}`
  return { ...c, details }
}

const same = (a: unknown, b: unknown): void => expect(JSON.stringify(a)).toBe(JSON.stringify(b))

describe('withTransition copies', () => {
  it('match the spread for every platform fixture and a few hand-made shapes', () => {
    const inputs: Classification[] = [
      ...Object.values(fx)
        .flatMap((v) => (Array.isArray(v) ? v : [v]))
        .filter((f): f is fx.PlatformFixture => typeof f === 'object' && f !== null && 'body' in f)
        .map((f) => classify(fx.requestOf(f))),
      { platform: 'unknown', eventType: null, subject: 's' },
      { platform: 'x', eventType: 'e', subject: 's', details: { status: 'working', n: 1 } },
      { platform: 'x', eventType: 'e', subject: 's', details: { 2: 'a', b: 'c', 1: 'd' } },
    ]
    expect(inputs.length).toBeGreaterThan(10)
    for (const c of inputs) {
      const before = JSON.stringify(c)
      for (const prev of ['working', 'completed', 'submitted']) {
        const got = withTransition(c, prev)
        same(got, bySpread(c, prev))
        expect(Object.keys(got)).toEqual(Object.keys(bySpread(c, prev)))
        expect(got.details).not.toBe(c.details)
      }
      expect(JSON.stringify(c)).toBe(before)
    }
  })

  it('keeps an own __proto__ key a key (never a prototype)', () => {
    const details = JSON.parse('{"__proto__": {"polluted": true}, "status": "done"}') as Record<
      string,
      unknown
    >
    const c: Classification = { platform: 'x', eventType: null, subject: 's', details }
    const got = withTransition(c, 'working')
    expect(Object.hasOwn(got.details!, '__proto__')).toBe(true)
    expect((got.details as { polluted?: boolean }).polluted).toBeUndefined()
    same(got, bySpread(c, 'working'))
  })
})
