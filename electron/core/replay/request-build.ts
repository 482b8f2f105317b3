/**
 * Builds what a replay or forward sends from a captured request: the target URL and the
 * header list in the original order, minus hop-by-hop headers (they describe the original
 * connection, not the message) and with the caller's edits applied.
 */
import type { HeaderPair } from '../../../shared/event'
import { setHeader } from '../../../shared/headers'

/** Headers that belong to one connection, plus those the HTTP client computes itself. */
export const HOP_BY_HOP = new Set([
  'host',
  'content-length',
  'connection',
  'transfer-encoding',
  'keep-alive',
  'upgrade',
  'te',
  'trailer',
  'proxy-connection',
  'proxy-authorization',
  'proxy-authenticate',
  // undici refuses Expect; a replay never waits for 100-continue anyway.
  'expect',
])

export function isHopByHop(name: string): boolean {
  const lower = name.toLowerCase()
  return HOP_BY_HOP.has(lower) || lower.startsWith('proxy-')
}

export interface HeaderEdits {
  /** Replace (in place, first occurrence) or append these headers. */
  setHeaders?: HeaderPair[]
  /** Drop every header with these names (case-insensitive). */
  removeHeaders?: string[]
}

/**
 * Header names a sender declared hop-by-hop in `Connection:` (RFC 9110 §7.6.1): they belong to
 * its connection to us, so a proxy — and a replay or forward — must not pass them on.
 */
export function connectionNamed(headers: HeaderPair[]): Set<string> {
  const named = new Set<string>()
  for (const [k, v] of headers) {
    if (k.toLowerCase() !== 'connection') continue
    for (const token of v.split(',')) {
      const name = token.trim().toLowerCase()
      if (name) named.add(name)
    }
  }
  return named
}

/** Original order and case, duplicates kept; hop-by-hop dropped; edits applied. */
export function buildHeaders(original: HeaderPair[], edits: HeaderEdits = {}): HeaderPair[] {
  const remove = new Set((edits.removeHeaders ?? []).map((h) => h.toLowerCase()))
  for (const name of connectionNamed(original)) remove.add(name)
  let headers: HeaderPair[] = original
    .filter(([name]) => !isHopByHop(name) && !remove.has(name.toLowerCase()))
    .map(([k, v]) => [k, v])
  for (const [name, value] of edits.setHeaders ?? []) headers = setHeader(headers, name, value)
  return headers
}

/** Sets a header keeping its position (one helper for everyone: shared/headers.ts). */
export { setHeader }

/**
 * The URL to send to: the target as given, or with the captured path (and query) appended
 * when `appendPath` — e.g. target http://localhost:3000/api + /hooks/a2a?x=1.
 */
export function targetUrl(
  to: string,
  captured: { path: string; query: string },
  appendPath = false,
): string {
  const url = parseTarget(to)
  if (!appendPath) return url.toString()
  const base = url.pathname.replace(/\/+$/, '')
  const path = captured.path.startsWith('/') ? captured.path : `/${captured.path}`
  refuseClimb(path)
  const query = [url.search.replace(/^\?/, ''), captured.query].filter(Boolean).join('&')
  return `${url.origin}${base}${path}${query ? `?${query}` : ''}`
}

/** Accepts "localhost:3000/x" and ":3000" as shorthands for http URLs. */
export function parseTarget(to: string): URL {
  let t = to.trim()
  if (/^:\d+/.test(t)) t = `localhost${t}`
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(t)) t = `http://${t}`
  const url = new URL(t)
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`cannot send to ${to}: only http and https targets are supported`)
  }
  return url
}

/**
 * A captured path is the sender's: `/%2e%2e/admin` would resolve above the target's base path
 * once a server decodes it (issue 12.7). Dot-segments (plain or percent-encoded, either slash)
 * that climb above the start are refused; ones that stay inside are left as they are.
 */
export function refuseClimb(path: string): void {
  let depth = 0
  for (const raw of path.split(/\/|%2f|%5c|\\/i)) {
    let seg: string
    try {
      seg = decodeURIComponent(raw)
    } catch {
      seg = raw
    }
    if (seg === '' || seg === '.') continue
    if (seg === '..') {
      depth--
      if (depth < 0) {
        throw new Error(
          `the captured path ${JSON.stringify(path)} climbs above the target's base path with "..": not appended`,
        )
      }
    } else depth++
  }
}
