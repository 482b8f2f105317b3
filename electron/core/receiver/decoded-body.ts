/**
 * The decoded view of a compressed body (gzip, deflate, br), produced on demand — the stored
 * bytes stay compressed. Output is capped; a body that inflates past the cap at a suspicious
 * ratio is flagged as a decompression bomb instead of being expanded.
 */
import type { Transform } from 'node:stream'
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib'
import type { DecodedBody } from '../../../shared/api'
import { encodeBody } from '../store/body-encoding'
import { DECODE_CAP } from '../verify/content-decoding'

/** The same cap verification decodes under: one figure for every decoded view. */
export const DEFAULT_DECODE_CAP = DECODE_CAP
const BOMB_RATIO = 100

function decoderFor(encoding: string): (() => Transform) | null {
  switch (encoding) {
    case 'gzip':
    case 'x-gzip':
      return createGunzip
    case 'deflate':
      return createInflate
    case 'br':
      return createBrotliDecompress
    default:
      return null
  }
}

export async function decodeBodyView(
  body: Buffer,
  contentEncoding: string | undefined,
  cap = DEFAULT_DECODE_CAP,
): Promise<DecodedBody> {
  const encoding = (contentEncoding ?? 'identity').trim().toLowerCase() || 'identity'
  const make = decoderFor(encoding)
  if (!make) {
    return { encoding, ...encodeBody(body), size: body.length, truncated: false, bomb: false }
  }
  const { out, truncated, consumed, error } = await inflateCapped(make(), body, cap)
  // Judge by the input consumed to reach the cap, not the whole body: a bomb is mostly tail.
  const bomb = truncated && out.length / Math.max(1, consumed) >= BOMB_RATIO
  return {
    encoding,
    ...encodeBody(out),
    size: out.length,
    truncated,
    bomb,
    ...(error ? { error } : {}),
  }
}

function inflateCapped(
  stream: Transform,
  input: Buffer,
  cap: number,
): Promise<{ out: Buffer; truncated: boolean; consumed: number; error?: string }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    let size = 0
    let settled = false
    const done = (truncated: boolean, error?: string) => {
      if (settled) return
      settled = true
      const consumed =
        (stream as Transform & { bytesWritten?: number }).bytesWritten ?? input.length
      stream.destroy()
      resolve({ out: Buffer.concat(chunks, size), truncated, consumed, error })
    }
    stream.on('data', (chunk: Buffer) => {
      const room = cap - size
      if (chunk.length >= room) {
        chunks.push(chunk.subarray(0, room))
        size += room
        done(true)
        return
      }
      chunks.push(chunk)
      size += chunk.length
    })
    stream.on('end', () => done(false))
    stream.on('error', (err: Error) => done(false, `could not decode: ${err.message}`))
    stream.end(input)
  })
}
