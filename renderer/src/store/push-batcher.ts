/**
 * Coalesces pushed events so a burst of webhooks costs one store update (and one render) per
 * window, not one per event. Leading edge: the first push after a quiet spell flushes on the
 * next tick, so a lone webhook shows up at once; pushes inside the window wait for its end.
 */
export interface PushBatcher<T> {
  add(item: T): void
  /** Delivers whatever is queued now. */
  flush(): void
  dispose(): void
}

export function createPushBatcher<T>(
  deliver: (items: T[]) => void,
  windowMs = 100,
  now: () => number = () => Date.now(),
): PushBatcher<T> {
  let queue: T[] = []
  let timer: ReturnType<typeof setTimeout> | null = null
  let lastFlush = -Infinity

  function flush() {
    if (timer) clearTimeout(timer)
    timer = null
    if (queue.length === 0) return
    const items = queue
    queue = []
    lastFlush = now()
    deliver(items)
  }

  return {
    add(item) {
      queue.push(item)
      if (timer) return
      const wait = Math.max(0, lastFlush + windowMs - now())
      timer = setTimeout(flush, wait)
    },
    flush,
    dispose() {
      if (timer) clearTimeout(timer)
      timer = null
      queue = []
    },
  }
}
