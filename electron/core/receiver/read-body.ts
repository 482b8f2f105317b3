/**
 * Reads a request body as exact bytes up to a limit. Past the limit (declared or actual) it
 * stops reading and reports the size, so the request can still be recorded and refused with 413.
 * A body that has not fully arrived within the time limit is given up the same way (408): a
 * sender trickling bytes must not hold one of the tunnel's few sockets for ever (issue 12.4).
 */
import type { IncomingMessage } from 'node:http'
import { sameLengthDeadlines, type Deadlines } from './deadlines'

export interface BodyResult {
  body: Buffer
  tooLarge: boolean
  /** The body did not arrive within `timeoutMs`. */
  timedOut?: boolean
  /** Content-Length as declared, or the bytes seen before giving up on a chunked body. */
  declaredSize?: number
}

/**
 * `timeout`: milliseconds (0 = none), or the receiver's shared deadlines (one timer for every
 * request in flight instead of one per request).
 */
export function readBodyWithLimit(
  req: IncomingMessage,
  limit: number,
  timeout: number | Deadlines = 0,
): Promise<BodyResult> {
  const declared = req.headers['content-length']
  const declaredSize = declared !== undefined ? Number(declared) : undefined
  if (declaredSize !== undefined && declaredSize > limit) {
    req.resume()
    return Promise.resolve({ body: Buffer.alloc(0), tooLarge: true, declaredSize })
  }
  const deadlines = typeof timeout === 'number' ? bodyDeadlines(timeout) : timeout
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let done = false
    const cancel = deadlines?.add(() => {
      req.pause()
      finish({ body: Buffer.alloc(0), tooLarge: false, timedOut: true, declaredSize: size })
    })
    // Listeners are plain `on` guarded by `done` (no once-wrappers): this runs per request.
    const stop = (): boolean => {
      if (done) return false
      done = true
      cancel?.()
      req.off('data', onData)
      return true
    }
    const finish = (result: BodyResult) => {
      if (stop()) resolve(result)
    }
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) {
        req.resume()
        finish({ body: Buffer.alloc(0), tooLarge: true, declaredSize: declaredSize ?? size })
        return
      }
      chunks.push(chunk)
    }
    req.on('data', onData)
    req.on('end', () => finish({ body: Buffer.concat(chunks, size), tooLarge: false }))
    req.on('error', (err) => {
      if (stop()) reject(err)
    })
    // An aborted upload still tells us what arrived; keep it rather than lose the request.
    req.on('aborted', () => finish({ body: Buffer.concat(chunks), tooLarge: false }))
  })
}

function bodyDeadlines(ms: number): Deadlines | null {
  return ms > 0 ? sameLengthDeadlines(ms) : null
}
