/**
 * Other senders recognisable by a header of their own (or, for Mailgun, a body field): the
 * platform hints of the scheme definitions (electron/core/verify/schemes), in the catalog's
 * detection order. Classification is light: platform, the event type where a header or body
 * field names it, and an obvious subject.
 */
import type { Classification } from '../../../../shared/event'
import { SCHEMES } from '../../verify/schemes'
import type { PlatformHint } from '../../verify/scheme-definition'
import { isRec, type ClassifyContext } from '../context'

interface HeaderPlatform extends PlatformHint {
  headers: string[]
}

/** Every scheme's hint, with its own signature headers when the hint names none. */
export const HEADER_PLATFORMS: readonly HeaderPlatform[] = SCHEMES.flatMap((d) => {
  if (!d.platform) return []
  const own = typeof d.verifier === 'function' ? [] : d.verifier.headers
  return [{ ...d.platform, headers: d.platform.headers ?? own }]
})

function matches(p: HeaderPlatform, ctx: ClassifyContext): boolean {
  return p.matches ? p.matches(ctx) : p.headers.some((h) => ctx.has(h))
}

/**
 * Per lower-cased header name, the first hint it names (hints with a `matches` test excluded:
 * their headers are not what decides). Classification asks every request that no dedicated
 * detector took; looking up the request's few header names here replaces asking each hint for
 * each of its headers (~30 case-insensitive lookups per request).
 */
const FIRST_BY_HEADER = new Map<string, number>()
/** Indexes of the hints decided by a test over the request (Mailgun's body), in order. */
const TESTED: number[] = []
HEADER_PLATFORMS.forEach((p, i) => {
  if (p.matches) TESTED.push(i)
  else
    for (const h of p.headers) {
      const name = h.toLowerCase()
      if (!FIRST_BY_HEADER.has(name)) FIRST_BY_HEADER.set(name, i)
    }
})

/** The first hint (catalog order) that matches the request: the same one `find` would pick. */
function firstMatch(ctx: ClassifyContext): HeaderPlatform | undefined {
  let best = HEADER_PLATFORMS.length
  for (const name of ctx.byName.keys()) {
    const i = FIRST_BY_HEADER.get(name)
    if (i !== undefined && i < best) best = i
  }
  // A tested hint wins only where it comes before every hint a present header names.
  for (const i of TESTED) {
    if (i >= best) break
    if (matches(HEADER_PLATFORMS[i], ctx)) return HEADER_PLATFORMS[i]
  }
  return HEADER_PLATFORMS[best]
}

export function detectByHeader(ctx: ClassifyContext): Classification | null {
  const p = firstMatch(ctx)
  if (!p) return null
  const body = isRec(ctx.json) ? ctx.json : {}
  return {
    platform: p.platform,
    eventType: p.eventType?.(ctx, body) ?? null,
    subject: p.subject?.(body) ?? null,
  }
}
