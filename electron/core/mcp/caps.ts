/**
 * Size caps for tool results, so one huge body or diff cannot flood an agent's context: bodies
 * are cut at a byte cap (with the cut said plainly), long strings anywhere in a structure are
 * shortened, and a result that is still too large is refused with a hint to narrow it.
 */

export const BODY_CAP_DEFAULT = 16 * 1024
export const BODY_CAP_MAX = 128 * 1024
export const HEADER_VALUE_CAP = 1024
export const HEADER_COUNT_CAP = 100
export const STRING_CAP = 4 * 1024
export const RESPONSE_EXCERPT_CAP = 4 * 1024
/** About 64k tokens: the most one call may put into an agent's context. */
export const RESULT_CAP = 256 * 1024

export interface CappedBody {
  /** 'utf8' text, or 'base64' of the bytes shown. */
  encoding: 'utf8' | 'base64'
  text: string
  /** Bytes of the whole body and of the part shown. */
  size: number
  shownBytes: number
  truncated: boolean
}

/** The first `cap` bytes of a body: as text when `asText`, else base64. */
export function capBody(bytes: Buffer, cap: number, asText: boolean): CappedBody {
  const shown = bytes.subarray(0, cap)
  const truncated = bytes.length > cap
  // A cut may split a multi-byte character: drop the half character rather than show U+FFFD.
  const text = asText
    ? shown.toString('utf8').replace(truncated ? /\uFFFD$/ : /$^/, '')
    : shown.toString('base64')
  return {
    encoding: asText ? 'utf8' : 'base64',
    text,
    size: bytes.length,
    shownBytes: shown.length,
    truncated,
  }
}

export function truncationNote(body: CappedBody, what = 'body'): string | null {
  if (!body.truncated) return null
  return `${what} truncated: showing the first ${body.shownBytes} of ${body.size} bytes`
}

export function capString(s: string, cap = STRING_CAP): string {
  if (s.length <= cap) return s
  return `${s.slice(0, cap)}… [truncated: ${s.length - cap} more characters]`
}

/** Shortens every string in a JSON-like value (diffs, details) to `cap` characters. */
export function capStrings(value: unknown, cap = STRING_CAP, depth = 0): unknown {
  if (typeof value === 'string') return capString(value, cap)
  if (depth > 32 || value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) {
    const items = value.slice(0, 1000).map((v) => capStrings(v, cap, depth + 1))
    if (value.length > 1000) items.push(`… [truncated: ${value.length - 1000} more items]`)
    return items
  }
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value)) out[k] = capStrings(v, cap, depth + 1)
  return out
}

export function capHeaders(headers: [string, string][]): [string, string][] {
  const shown = headers
    .slice(0, HEADER_COUNT_CAP)
    .map(([k, v]): [string, string] => [capString(k, 256), capString(v, HEADER_VALUE_CAP)])
  if (headers.length > HEADER_COUNT_CAP) {
    shown.push(['…', `[truncated: ${headers.length - HEADER_COUNT_CAP} more headers]`])
  }
  return shown
}
