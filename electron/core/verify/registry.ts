/**
 * The scheme registry, derived from the scheme list (schemes/index.ts): verifiers by id and
 * auto-detection from headers in the list's order (the catalog's recommended order).
 */
import type { HeaderPair } from '../../../shared/event'
import type { Detection } from './scheme-definition'
import { SCHEMES } from './schemes'
import type { Scheme } from './types'
import { KeyError } from './types'

const BY_ID = new Map(SCHEMES.map((d) => [d.id, d]))

/** Every scheme id a verifier may name (besides 'auto'). */
export const SCHEME_IDS: string[] = SCHEMES.map((d) => d.id)

/** The verifier of a scheme; options configure the generic hmac and are ignored by the rest. */
export function getScheme(id: string, options: Record<string, unknown> = {}): Scheme {
  const d = BY_ID.get(id)
  if (!d) throw new KeyError(`unknown scheme "${id}"`)
  return typeof d.verifier === 'function' ? d.verifier(options) : d.verifier
}

export function isSchemeId(id: string): boolean {
  return BY_ID.has(id)
}

type Test = Exclude<Detection, { as: string } | null>

const RULES: { id: string; test: Test }[] = SCHEMES.flatMap((d) =>
  typeof d.detect === 'function' ? [{ id: d.id, test: d.detect }] : [],
)

/** The scheme a request appears to use, in catalog order; null when none. */
export function detectScheme(headers: HeaderPair[], body?: Buffer): string | null {
  for (const rule of RULES) if (rule.test(headers, body)) return rule.id
  return null
}

/** Every scheme whose signature appears in the request (for "header under another name"). */
export function detectAll(headers: HeaderPair[], body?: Buffer): string[] {
  return RULES.filter((rule) => rule.test(headers, body)).map((rule) => rule.id)
}
