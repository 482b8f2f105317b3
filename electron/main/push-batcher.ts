/**
 * Batches pushed API events for the renderer: a burst of webhooks becomes one IPC message every
 * ~300 ms (as Bruno does for its mock server's log) instead of one per request.
 */
export interface PushBatcherOptions<T> {
  send(batch: T[]): void
  intervalMs?: number
  setTimer?: (fn: () => void, ms: number) => unknown
  clearTimer?: (handle: unknown) => void
}

export class PushBatcher<T> {
  private queue: T[] = []
  private timer: unknown = null
  private readonly setTimer: (fn: () => void, ms: number) => unknown
  private readonly clearTimer: (handle: unknown) => void

  constructor(private readonly opts: PushBatcherOptions<T>) {
    this.setTimer = opts.setTimer ?? ((fn, ms) => setTimeout(fn, ms))
    this.clearTimer = opts.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>))
  }

  push(item: T): void {
    this.queue.push(item)
    if (this.timer === null)
      this.timer = this.setTimer(() => this.flush(), this.opts.intervalMs ?? 300)
  }

  flush(): void {
    if (this.timer !== null) this.clearTimer(this.timer)
    this.timer = null
    if (this.queue.length === 0) return
    const batch = this.queue
    this.queue = []
    this.opts.send(batch)
  }

  dispose(): void {
    if (this.timer !== null) this.clearTimer(this.timer)
    this.timer = null
    this.queue = []
  }
}
