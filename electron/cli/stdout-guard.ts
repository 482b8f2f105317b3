/**
 * What the CLI does when the reader of its stdout goes away (`hooklens events list | head -1`):
 * the write fails with EPIPE, which Node reports as an 'error' event that would otherwise crash
 * the process with a stack trace. One-shot commands stop quietly (exit 0, as `git log | head`
 * does); `listen` installs its own handler so a closed pipe ends the printing, never a request
 * in flight (see listen.ts).
 */

type ClosedHandler = (err: NodeJS.ErrnoException) => void

let handler: ClosedHandler | null = null
let closed = false
let installed = false

const isClosedPipe = (err: NodeJS.ErrnoException) =>
  err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED' || err.code === 'ECONNRESET'

/** Installs the handlers once per process (main calls it before running a command). */
export function guardStdout(
  stdout: NodeJS.WriteStream = process.stdout,
  stderr: NodeJS.WriteStream = process.stderr,
): void {
  if (installed) return
  installed = true
  stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (!isClosedPipe(err)) throw err
    if (closed) return
    closed = true
    if (handler) handler(err)
    else process.exit(0)
  })
  // Nowhere left to report a failing stderr; losing a log line must not crash anything.
  stderr.on('error', () => undefined)
}

/** Replaces the default "exit quietly" with the caller's handling (listen). */
export function onStdoutClosed(fn: ClosedHandler): void {
  handler = fn
}
