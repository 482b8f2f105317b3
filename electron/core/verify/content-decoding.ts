/**
 * The decoded form of a gzip / deflate / br request body, for verification and classification
 * only: senders (Standard Webhooks, Svix, Stripe, ...) sign the JSON before compressing it, so
 * a signature over a compressed request must also be checked against the decoded bytes. The
 * stored bytes are never replaced; decoding is capped so a compression bomb costs nothing.
 */
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib'
import type { HeaderPair } from '../../../shared/event'
import { headerValue } from '../../../shared/headers'

/** Most bytes a body may inflate to before it is not decoded at all. */
export const DECODE_CAP = 10 * 1024 * 1024

export interface DecodedContent {
  /** The Content-Encoding that was undone, e.g. 'gzip'. */
  encoding: string
  body: Buffer
}

/** The decoded body, or null when it is not compressed, too large, or not decodable. */
export function decodeContent(
  headers: HeaderPair[],
  body: Buffer,
  cap = DECODE_CAP,
): DecodedContent | null {
  const raw = headerValue(headers, 'content-encoding')
  const encoding = raw?.trim().toLowerCase()
  if (!encoding || body.length === 0) return null
  // Capture asks twice for the same bytes (classification, then verification): inflate once.
  const seen = decoded.get(body)
  if (seen && seen.encoding === encoding && seen.cap === cap) return seen.result
  const result = inflate(encoding, body, cap)
  decoded.set(body, { encoding, cap, result })
  return result
}

const decoded = new WeakMap<
  Buffer,
  { encoding: string; cap: number; result: DecodedContent | null }
>()

function inflate(encoding: string, body: Buffer, cap: number): DecodedContent | null {
  const opts = { maxOutputLength: cap }
  try {
    if (encoding === 'gzip' || encoding === 'x-gzip')
      return { encoding, body: gunzipSync(body, opts) }
    if (encoding === 'deflate') return { encoding, body: inflateSync(body, opts) }
    if (encoding === 'br') return { encoding, body: brotliDecompressSync(body, opts) }
  } catch {
    // Corrupt or over the cap: verify and classify the bytes as sent.
  }
  return null
}
