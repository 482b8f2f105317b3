/**
 * A UTF-8 body as the bytes of a JSON string literal, exactly what
 * `Buffer.from(JSON.stringify(body.toString('utf8')))` gives, without decoding the body to a
 * string, escaping it into a second one and encoding that back: the runs between characters that
 * need escaping are handed on as views of the body (no copy), escapes in between. On the capture
 * path of a 100 KiB body this saves three copies and most of the garbage.
 *
 * Valid UTF-8 (the caller checks) holds no lone surrogates, so JSON.stringify would escape only
 * `"`, `\` and the control characters below 0x20 — all single bytes that never occur inside a
 * multi-byte UTF-8 sequence.
 */

const QUOTE = Buffer.from('"')
const SHORT: Record<number, string> = { 8: '\\b', 9: '\\t', 10: '\\n', 12: '\\f', 13: '\\r' }
const ESCAPES: Buffer[] = Array.from({ length: 0x5d }, (_, c) =>
  Buffer.from(
    c === 0x22
      ? '\\"'
      : c === 0x5c
        ? '\\\\'
        : (SHORT[c] ?? `\\u${c.toString(16).padStart(4, '0')}`),
  ),
)

/**
 * Parts that, written in order, are the JSON string literal of `body` (quotes included); null
 * when more than `maxEscapes` characters need escaping (then many tiny parts would cost more
 * than the string route).
 */
export function jsonStringParts(body: Buffer, maxEscapes = Infinity): Buffer[] | null {
  const parts: Buffer[] = [QUOTE]
  let escapes = 0
  let runStart = 0
  for (let i = 0; i < body.length; i++) {
    const c = body[i]
    if (c >= 0x20 && c !== 0x22 && c !== 0x5c) continue
    if (++escapes > maxEscapes) return null
    if (i > runStart) parts.push(body.subarray(runStart, i))
    parts.push(ESCAPES[c])
    runStart = i + 1
  }
  if (body.length > runStart) parts.push(runStart === 0 ? body : body.subarray(runStart))
  parts.push(QUOTE)
  return parts
}

/** How many bytes the JSON string literal of `body` takes, quotes included. */
export function jsonStringLength(body: Buffer): number {
  let length = body.length + 2
  for (let i = 0; i < body.length; i++) {
    const c = body[i]
    if (c < 0x20 || c === 0x22 || c === 0x5c) length += ESCAPES[c].length - 1
  }
  return length
}

/**
 * Writes the JSON string literal of `body` (quotes included) into `out` at `at` and returns
 * where it ends; `out` has `jsonStringLength(body)` bytes free there. The small-body route of an
 * event line: one buffer for the whole line, no string of the body at all.
 */
export function writeJsonString(body: Buffer, out: Buffer, at: number): number {
  out[at++] = 0x22
  let runStart = 0
  for (let i = 0; i < body.length; i++) {
    const c = body[i]
    if (c >= 0x20 && c !== 0x22 && c !== 0x5c) continue
    if (i > runStart) at += body.copy(out, at, runStart, i)
    at += ESCAPES[c].copy(out, at)
    runStart = i + 1
  }
  if (body.length > runStart) at += body.copy(out, at, runStart)
  out[at++] = 0x22
  return at
}

/** The most bytes the JSON string literal of `n` bytes can take (each a `\u00XX`, and quotes). */
export const jsonStringBound = (n: number): number => 6 * n + 2

/**
 * `writeJsonString` for a small body, in one pass: each byte is copied as it is looked at, and
 * `out` needs only `jsonStringBound(body.length)` bytes free (no `jsonStringLength` pass first).
 * For a body of a few KiB this is about twice as fast as copying the runs between escapes, whose
 * every `Buffer.copy` costs more than its bytes; for a big body with few escapes the runs win.
 */
export function writeSmallJsonString(body: Buffer, out: Buffer, at: number): number {
  out[at++] = 0x22
  for (let i = 0; i < body.length; i++) {
    const c = body[i]
    if (c >= 0x20 && c !== 0x22 && c !== 0x5c) {
      out[at++] = c
      continue
    }
    const e = ESCAPES[c]
    for (let k = 0; k < e.length; k++) out[at++] = e[k]
  }
  out[at++] = 0x22
  return at
}
