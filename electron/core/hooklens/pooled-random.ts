/**
 * A cryptographic PRNG for ULIDs that draws from a pooled buffer: one `randomFillSync` per 4 KiB
 * instead of one per id, which showed up in the capture path's profile under load.
 */
import { randomFillSync } from 'node:crypto'

export function pooledRandom(poolSize = 4096): () => number {
  const pool = new Uint32Array(poolSize / 4)
  let next = pool.length
  return () => {
    if (next >= pool.length) {
      randomFillSync(pool)
      next = 0
    }
    return pool[next++] / 0x1_0000_0000
  }
}
