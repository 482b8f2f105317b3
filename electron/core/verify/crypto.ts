/**
 * Small crypto helpers for the schemes: HMAC, constant-time comparison of encoded signatures,
 * strict decoders and timestamp parsing (header lookup is shared/headers.ts).
 */
import { createHmac, createHash, timingSafeEqual } from 'node:crypto'

export type HmacAlgorithm = 'sha1' | 'sha256' | 'sha512'
export type SigEncoding = 'hex' | 'base64' | 'base64url'

export function hmac(alg: HmacAlgorithm, key: Buffer | string, parts: (Buffer | string)[]): Buffer {
  const h = createHmac(alg, key)
  for (const p of parts) h.update(p)
  return h.digest()
}

export function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex')
}

export function encode(mac: Buffer, encoding: SigEncoding): string {
  return mac.toString(encoding)
}

/** Constant-time string equality (length is not secret: signatures have a fixed length). */
export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a, 'utf8')
  const bb = Buffer.from(b, 'utf8')
  if (ab.length !== bb.length) {
    // Compare anyway so a length mismatch costs the same as a content mismatch.
    timingSafeEqual(ab, ab)
    return false
  }
  return timingSafeEqual(ab, bb)
}

/** Does any received signature equal the expected one? Hex is compared case-insensitively. */
export function anyMatches(expected: string, received: string[], encoding: SigEncoding): boolean {
  let found = false
  for (const r of received) {
    const candidate = encoding === 'hex' ? r.toLowerCase() : r
    // No early exit: every entry costs the same.
    if (safeEqual(expected, candidate)) found = true
  }
  return found
}

export function macMatches(
  alg: HmacAlgorithm,
  encoding: SigEncoding,
  key: Buffer | string,
  parts: (Buffer | string)[],
  received: string[],
): boolean {
  return anyMatches(encode(hmac(alg, key, parts), encoding), received, encoding)
}

const HEX = /^(?:[0-9a-fA-F]{2})+$/
const B64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2,3})?$/

export function isHex(s: string): boolean {
  return HEX.test(s)
}

export function isBase64(s: string): boolean {
  return s.length > 0 && B64.test(s)
}

export function decodeBase64(s: string): Buffer | null {
  const clean = s.replace(/-/g, '+').replace(/_/g, '/')
  return isBase64(clean) ? Buffer.from(clean, 'base64') : null
}

/** Parses a decimal Unix timestamp; null when it is not one. */
export function parseUnix(s: string | undefined): number | null {
  if (s === undefined || !/^-?\d{1,16}(?:\.\d+)?$/.test(s.trim())) return null
  return Number(s.trim())
}
