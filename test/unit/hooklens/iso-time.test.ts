/** The cached receivedAt formatter writes exactly what Date#toISOString writes. */
import { describe, expect, it } from 'vitest'
import { isoTimeFormatter } from '../../../electron/core/hooklens/iso-time'

describe('isoTimeFormatter', () => {
  it('equals toISOString over increasing, repeated, random and odd times', () => {
    const iso = isoTimeFormatter()
    const now = Date.now()
    const times = [
      0, 1, 999, 1000, -1, -999, -1000, -1001, 253402300799999, 253402300800005, -62198755200000,
    ]
    for (let i = 0; i < 3000; i++) times.push(now + i * 7, now + (i >> 3))
    for (let i = 0; i < 3000; i++) times.push(Math.floor((Math.random() - 0.3) * 4e12))
    for (const t of times) expect(iso(t)).toBe(new Date(t).toISOString())
  })
})
