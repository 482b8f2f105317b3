/**
 * OldestFirst evicts exactly what `map.keys().next()` would (the first key in insertion order)
 * under any mix of inserts, moves to the end, deletes, clears and evictions.
 */
import { describe, expect, it } from 'vitest'
import { OldestFirst } from '../../../electron/core/inspect/oldest-first'

describe('OldestFirst', () => {
  it('evicts the first key in insertion order over 50,000 random operations', () => {
    const map = new Map<number, number>()
    const oldest = new OldestFirst(map)
    let seed = 7
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648
      return seed % n
    }
    let evictions = 0
    for (let i = 0; i < 50_000; i++) {
      const op = rand(100)
      const key = rand(3000)
      if (op < 45) map.set(key, i)
      else if (op < 70) {
        // Moved to the end, as the trackers do on every use.
        map.delete(key)
        map.set(key, i)
      } else if (op < 80) map.delete(key)
      else if (op < 99) {
        const expected = map.keys().next()
        expect(oldest.evict()).toBe(expected.done ? undefined : expected.value)
        expect(map.has(expected.value as number)).toBe(false)
        evictions++
      } else map.clear()
    }
    expect(evictions).toBeGreaterThan(5000)
  })

  it('keeps evicting after the Map was emptied and filled again', () => {
    const map = new Map<string, number>([['a', 1]])
    const oldest = new OldestFirst(map)
    expect(oldest.evict()).toBe('a')
    expect(oldest.evict()).toBeUndefined()
    map.set('b', 2)
    map.set('c', 3)
    expect(oldest.evict()).toBe('b')
    map.clear()
    map.set('d', 4)
    expect(oldest.evict()).toBe('d')
  })
})
