/**
 * parseJson: one parse per body object, shared by classification, idempotency and the lens;
 * the last small body is remembered in one slot, large ones in a WeakMap.
 */
import { describe, expect, it } from 'vitest'
import { MAX_PARSE_BYTES, parseJson } from '../../../electron/core/inspect/context'

const small = (v: unknown): Buffer => Buffer.from(JSON.stringify(v))
const large = (v: string): Buffer => Buffer.from(JSON.stringify({ v, pad: 'x'.repeat(70 * 1024) }))

describe('parseJson', () => {
  it('parses a body once: the same object for the same buffer, small or large', () => {
    for (const body of [small({ a: 1 }), large('big')]) {
      const first = parseJson(body)
      expect(first).toEqual(JSON.parse(body.toString()))
      expect(parseJson(body)).toBe(first)
    }
  })

  it('answers each body with its own value when calls interleave', () => {
    const bodies = [small({ n: 1 }), large('two'), small([3]), large('four'), small({ n: 5 })]
    for (let round = 0; round < 3; round++) {
      for (const b of bodies) expect(parseJson(b)).toEqual(JSON.parse(b.toString()))
    }
    // Equal bytes in another buffer are parsed on their own (never a stale answer by content).
    const again = Buffer.from(bodies[0])
    expect(parseJson(again)).toEqual({ n: 1 })
    expect(parseJson(again)).not.toBe(parseJson(bodies[2]))
  })

  it('gives undefined for what is not JSON, empty or too large to parse', () => {
    expect(parseJson(Buffer.from('a=1&b=2'))).toBeUndefined()
    expect(parseJson(Buffer.from('{broken'))).toBeUndefined()
    expect(parseJson(Buffer.alloc(0))).toBeUndefined()
    expect(parseJson(Buffer.from(' \n[1, 2]'))).toEqual([1, 2])
    expect(MAX_PARSE_BYTES).toBeGreaterThan(70 * 1024)
  })
})
