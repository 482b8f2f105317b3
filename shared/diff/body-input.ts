/**
 * Turns a body given as bytes, text or a contract `{body, bodyEncoding}` pair into what the
 * diffs need: bytes, text when it is UTF-8, and the parsed JSON value when it is JSON.
 * Browser-safe: no Buffer, only TextDecoder and atob.
 */

export type BodyInput = Uint8Array | string | { body: string; bodyEncoding: 'utf8' | 'base64' }

export type ParsedBody =
  | { form: 'json'; text: string; value: unknown }
  | { form: 'invalid-json'; text: string; error: string }
  | { form: 'text'; text: string }
  | { form: 'binary'; bytes: Uint8Array }

const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

/** Decodes standard base64 without Buffer (works in Node 20 and browsers). */
export function base64ToBytes(b64: string): Uint8Array {
  const bin = atob(b64)
  const out = new Uint8Array(bin.length)
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i)
  return out
}

export function toBytes(input: BodyInput): Uint8Array {
  if (input instanceof Uint8Array) return input
  if (typeof input === 'string') return new TextEncoder().encode(input)
  return input.bodyEncoding === 'base64'
    ? base64ToBytes(input.body)
    : new TextEncoder().encode(input.body)
}

/** The body as text, or null when the bytes are not UTF-8 or contain NUL bytes. */
export function toText(input: BodyInput): string | null {
  if (typeof input === 'string') return input
  if (!(input instanceof Uint8Array) && input.bodyEncoding === 'utf8') return input.body
  const bytes = toBytes(input)
  if (bytes.includes(0)) return null
  try {
    return strictUtf8.decode(bytes)
  } catch {
    return null
  }
}

/** Looks like it was meant to be JSON: starts with `{` or `[` after whitespace or a BOM. */
function looksLikeJson(text: string): boolean {
  const m = /^[\uFEFF\s]*([[{])/.exec(text)
  return m !== null
}

export function parseBody(input: BodyInput): ParsedBody {
  const text = toText(input)
  if (text === null) return { form: 'binary', bytes: toBytes(input) }
  if (!looksLikeJson(text)) return { form: 'text', text }
  try {
    return { form: 'json', text, value: JSON.parse(text.replace(/^\uFEFF/, '')) }
  } catch (err) {
    return { form: 'invalid-json', text, error: err instanceof Error ? err.message : String(err) }
  }
}

/**
 * How deeply a JSON text nests arrays and objects, counted by scanning (no recursion, strings
 * skipped); stops counting once past `stopAbove`.
 */
export function jsonDepth(text: string, stopAbove = Infinity): number {
  let depth = 0
  let max = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 0x5c)
        i++ // backslash: skip the escaped character
      else if (c === 0x22) inString = false
    } else if (c === 0x22) inString = true
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) {
        max = depth
        if (max > stopAbove) return max
      }
    } else if (c === 0x7d || c === 0x5d) depth--
  }
  return max
}
