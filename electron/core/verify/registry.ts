/**
 * The scheme registry, derived from the scheme list (schemes/index.ts): verifiers by id and
 * auto-detection from headers in the list's order (the catalog's recommended order).
 */
import type { HeaderPair } from '../../../shared/event'
import type { Detection, HeaderGatedTest } from './scheme-definition'
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

/**
 * Per lower-cased header name, the rules gated on it (`whenHeader`). Detection runs on every
 * capture; a request is asked only the rules its headers open and the ungated ones (Mailgun
 * reads the body), in catalog order, instead of ~25 header scans.
 */
const GATED_BY_NAME = new Map<string, number[]>()
const GATED = RULES.map((rule, i) => {
  const gate = (rule.test as Partial<HeaderGatedTest>).gate
  if (!gate) return null
  for (const n of new Set(gate.names.map((name) => name.toLowerCase()))) {
    const list = GATED_BY_NAME.get(n)
    if (list) list.push(i)
    else GATED_BY_NAME.set(n, [i])
  }
  return gate
})
/** Scratch marks of the gated rules a request opens, cleared on each call (calls are sync). */
const marked = new Uint8Array(RULES.length)

/** The scheme a request appears to use, in catalog order; null when none. */
export function detectScheme(headers: HeaderPair[], body?: Buffer): string | null {
  marked.fill(0)
  for (const [name] of headers) {
    const rules = GATED_BY_NAME.get(name.toLowerCase())
    if (rules) for (const i of rules) marked[i] = 1
  }
  for (let i = 0; i < RULES.length; i++) {
    const gate = GATED[i]
    if (gate === null) {
      if (RULES[i].test(headers, body)) return RULES[i].id
    } else if (marked[i] === 1 && (gate.test === null || gate.test(headers, body))) {
      return RULES[i].id
    }
  }
  return null
}

/** Every scheme whose signature appears in the request (for "header under another name"). */
export function detectAll(headers: HeaderPair[], body?: Buffer): string[] {
  return RULES.filter((rule) => rule.test(headers, body)).map((rule) => rule.id)
}
