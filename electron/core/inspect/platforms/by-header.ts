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

export function detectByHeader(ctx: ClassifyContext): Classification | null {
  const p = HEADER_PLATFORMS.find((hint) => matches(hint, ctx))
  if (!p) return null
  const body = isRec(ctx.json) ? ctx.json : {}
  return {
    platform: p.platform,
    eventType: p.eventType?.(ctx, body) ?? null,
    subject: p.subject?.(body) ?? null,
  }
}
