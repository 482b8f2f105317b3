/**
 * Strips Hooklens' own inspector cookie from captured requests (issue 12.2). Cookies are not
 * port-scoped, so a browser that opened the inspector sends `hooklens_token_<port>` to the
 * receiver too; kept, it would be stored in the event log, shown in exports and passed on by
 * forward rules. Only our cookies go — the sender's own cookies are kept byte for byte.
 */
import type { HeaderPair } from '../../../shared/event'
import { COOKIE_PREFIX } from '../control/access'

function isOwn(pair: string): boolean {
  const eq = pair.indexOf('=')
  const name = (eq < 0 ? pair : pair.slice(0, eq)).trim()
  return name === COOKIE_PREFIX || name.startsWith(`${COOKIE_PREFIX}_`)
}

/** The headers with our cookie pairs removed; a Cookie header left empty is dropped. */
export function withoutOwnCookies(headers: HeaderPair[]): HeaderPair[] {
  // Per request: the common case (no cookie of ours) costs one scan and no copy.
  if (!headers.some(([k, v]) => v.includes(COOKIE_PREFIX) && k.toLowerCase() === 'cookie')) {
    return headers
  }
  let changed = false
  const out: HeaderPair[] = []
  for (const [k, v] of headers) {
    if (k.toLowerCase() !== 'cookie' || !v.includes(COOKIE_PREFIX)) {
      out.push([k, v])
      continue
    }
    const pairs = v.split(';')
    const kept = pairs.filter((p) => !isOwn(p))
    if (kept.length === pairs.length) {
      out.push([k, v])
      continue
    }
    changed = true
    const value = kept
      .map((p) => p.trim())
      .filter(Boolean)
      .join('; ')
    if (value) out.push([k, value])
  }
  return changed ? out : headers
}
