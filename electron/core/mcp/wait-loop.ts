/**
 * The waiting half of `wait_for_event`, shared by both backends: ask `find` for a match now and
 * again on every wake-up — a push from the control API's event stream, or a poll tick — until
 * one comes or the signal aborts. Asking again after subscribing closes the gap between
 * "the call started" and "the stream is open".
 */

export interface WaitLoopOptions<T> {
  find: () => Promise<T | null>
  signal: AbortSignal
  /** Registers a wake-up callback (e.g. on each captured-event push); returns unsubscribe. */
  wakeOn?: (wake: () => void) => () => void
  pollMs: number
}

export function waitLoop<T>(opts: WaitLoopOptions<T>): Promise<T | null> {
  return new Promise((resolve, reject) => {
    let done = false
    let running = false
    let again = false
    const finish = (value: T | null, err?: unknown) => {
      if (done) return
      done = true
      clearInterval(timer)
      unsubscribe()
      opts.signal.removeEventListener('abort', onAbort)
      if (err !== undefined) reject(err)
      else resolve(value)
    }
    // One lookup at a time; a wake-up during a lookup schedules exactly one more.
    const check = async () => {
      if (done) return
      if (running) {
        again = true
        return
      }
      running = true
      try {
        do {
          again = false
          const found = await opts.find()
          if (found !== null) return finish(found)
        } while (again && !done)
      } catch (err) {
        finish(null, err)
      } finally {
        running = false
      }
    }
    const onAbort = () => finish(null)
    const timer = setInterval(() => void check(), opts.pollMs)
    const unsubscribe = opts.wakeOn?.(() => void check()) ?? (() => undefined)
    if (opts.signal.aborted) return finish(null)
    opts.signal.addEventListener('abort', onAbort)
    void check()
  })
}
