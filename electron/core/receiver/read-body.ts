/**
 * Reads a request body as exact bytes up to a limit. Past the limit (declared or actual) it
 * stops reading and reports the size, so the request can still be recorded and refused with 413.
 * A body that has not fully arrived within the time limit is given up the same way (408): a
 * sender trickling bytes must not hold one of the tunnel's few sockets for ever (issue 12.4).
 */
import type { IncomingMessage } from 'node:http'

export interface BodyResult {
  body: Buffer
  tooLarge: boolean
  /** The body did not arrive within `timeoutMs`. */
  timedOut?: boolean
  /** Content-Length as declared, or the bytes seen before giving up on a chunked body. */
  declaredSize?: number
}

export function readBodyWithLimit(
  req: IncomingMessage,
  limit: number,
  timeoutMs = 0,
): Promise<BodyResult> {
  const declared = req.headers['content-length']
  const declaredSize = declared !== undefined ? Number(declared) : undefined
  if (declaredSize !== undefined && declaredSize > limit) {
    req.resume()
    return Promise.resolve({ body: Buffer.alloc(0), tooLarge: true, declaredSize })
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let done = false
    const timer =
      timeoutMs > 0
        ? setTimeout(() => {
            req.pause()
            finish({ body: Buffer.alloc(0), tooLarge: false, timedOut: true, declaredSize: size })
          }, timeoutMs)
        : null
    const finish = (result: BodyResult) => {
      if (done) return
      done = true
      if (timer) clearTimeout(timer)
      req.off('data', onData)
      resolve(result)
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
    req.once('end', () => finish({ body: Buffer.concat(chunks, size), tooLarge: false }))
    req.once('error', (err) => {
      if (!done) {
        done = true
        if (timer) clearTimeout(timer)
        reject(err)
      }
    })
    // An aborted upload still tells us what arrived; keep it rather than lose the request.
    req.once('aborted', () => finish({ body: Buffer.concat(chunks), tooLarge: false }))
  })
}
