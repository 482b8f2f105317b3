/**
 * Coalesces pushed API events so a burst of webhooks costs one message (main → window over IPC)
 * or one store update and render (renderer) per window, not one per event, as Bruno batches its
 * mock server's log. Used by both sides, so they agree on what a burst looks like.
 *
 * Leading edge: the first push after a quiet spell goes out on the next tick, so a lone webhook
 * shows at once; pushes inside the window wait for its end and go out together, in order.
 * With `keyOf`, a queued item is replaced by a later one with the same key (the later one moves
 * to the end): an event updated five times in a window is sent once, as its last state.
 *
 * Pure: time comes in as a `Clock`, so tests drive it by hand instead of faking timers.
 */
import type { ApiPush } from './api'

export interface Clock {
  now(): number
  /** Runs `fn` after `ms`; the returned function cancels it. */
  schedule(fn: () => void, ms: number): () => void
}

/** Real time, for production: setTimeout and Date.now exist in Node and in the browser. */
export const systemClock: Clock = {
  now: () => Date.now(),
  schedule(fn, ms) {
    const t = setTimeout(fn, ms)
    return () => clearTimeout(t)
  },
}

export interface PushBatcherOptions<T> {
  deliver(items: T[]): void
  windowMs: number
  clock: Clock
  /** Items with the same key are last-write-wins inside one batch; undefined: never merged. */
  keyOf?(item: T): string | undefined
}

export interface PushBatcher<T> {
  add(item: T): void
  /** Delivers whatever is queued now. */
  flush(): void
  /** Drops the queue and the pending timer; nothing is delivered afterwards. */
  dispose(): void
}

/**
 * The coalescing both sides use for API pushes: an event's updates are last-write-wins (the
 * store replaces the row by id), so only the last one in a window is worth sending. Captures,
 * clears and everything else go through one by one, in order.
 */
export function pushKey(push: ApiPush): string | undefined {
  return push.type === 'eventUpdated' ? `eventUpdated:${push.payload.id}` : undefined
}

/** A slot emptied because a later item with its key superseded it. */
const GONE = Symbol('superseded')

export function createPushBatcher<T>(o: PushBatcherOptions<T>): PushBatcher<T> {
  let queue: (T | typeof GONE)[] = []
  let live = 0
  const slotByKey = new Map<string, number>()
  let cancel: (() => void) | null = null
  let lastFlush = -Infinity

  function reset() {
    cancel?.()
    cancel = null
    queue = []
    live = 0
    slotByKey.clear()
  }

  function flush() {
    const items = queue
    const count = live
    reset()
    if (count === 0) return
    lastFlush = o.clock.now()
    o.deliver(count === items.length ? (items as T[]) : (items.filter((x) => x !== GONE) as T[]))
  }

  return {
    add(item) {
      const key = o.keyOf?.(item)
      if (key !== undefined) {
        const at = slotByKey.get(key)
        if (at !== undefined) {
          queue[at] = GONE
          live--
        }
        slotByKey.set(key, queue.length)
      }
      queue.push(item)
      live++
      if (cancel) return
      const wait = Math.max(0, lastFlush + o.windowMs - o.clock.now())
      cancel = o.clock.schedule(flush, wait)
    },
    flush,
    dispose: reset,
  }
}
