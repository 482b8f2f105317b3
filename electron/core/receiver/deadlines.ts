/**
 * Deadlines that all have the same length (the receiver's body timeout), kept on one timer.
 * A timer per request costs a Timeout object, a timer-list insert and a removal on every
 * request, though nearly every body arrives long before its deadline; here a request costs a
 * Map entry, and the one timer wakes only when the oldest deadline is due.
 */
import { performance } from 'node:perf_hooks'

export interface Deadlines {
  /** Calls `expire` once `ms` have passed, unless the returned cancel is called first. */
  add(expire: () => void): () => void
}

export function sameLengthDeadlines(
  ms: number,
  now: () => number = () => performance.now(),
): Deadlines {
  // Same length and a monotonic clock: insertion order is deadline order, so the first entry
  // is always the next one due.
  const pending = new Map<number, { at: number; expire: () => void }>()
  let timer: NodeJS.Timeout | null = null
  let nextKey = 0
  const arm = () => {
    const first = pending.values().next()
    if (first.done) return
    timer = setTimeout(sweep, Math.max(0, first.value.at - now()))
    // Every entry belongs to a live request whose socket keeps the process up; the timer
    // itself must not hold up an exit once they are gone.
    timer.unref()
  }
  const sweep = () => {
    timer = null
    const t = now()
    for (const [key, entry] of pending) {
      if (entry.at > t) break
      pending.delete(key)
      entry.expire()
    }
    arm()
  }
  return {
    add(expire) {
      const key = nextKey++
      pending.set(key, { at: now() + ms, expire })
      if (!timer) arm()
      return () => void pending.delete(key)
    },
  }
}
