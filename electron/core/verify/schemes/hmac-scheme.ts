/**
 * Builds an HMAC scheme from a declarative spec (which headers, what is signed, how the key is
 * derived), and the secret-decoding variants the diagnosis tries for HMAC keys.
 */
import { anyMatches, decodeBase64, encode, hmac, isHex, macMatches } from '../crypto'
import type { HmacAlgorithm, SigEncoding } from '../crypto'
import type { Content, Extracted, KeyVariant, Scheme } from '../types'
import { KeyError } from '../types'

/** How a secret string becomes HMAC key bytes. */
export type KeyDerivation = 'utf8' | 'utf8-trim' | 'whsec'

export interface HmacSpec extends Omit<Scheme, 'key' | 'keyVariants' | 'check' | 'keyDescription'> {
  alg: HmacAlgorithm
  encoding: SigEncoding
  derivation: KeyDerivation
  /** The signed bytes, in order. */
  content(ex: Extracted, c: Content): (Buffer | string)[]
}

const ENCODINGS: SigEncoding[] = ['hex', 'base64', 'base64url']

const KEY_DESCRIPTIONS: Record<KeyDerivation, string> = {
  utf8: 'the secret as text',
  'utf8-trim': 'the whitespace-trimmed secret as text',
  whsec: 'the base64-decoded bytes after whsec_',
}

export function hmacScheme(spec: HmacSpec): Scheme {
  const { alg, encoding, derivation, content, ...rest } = spec
  return {
    ...rest,
    extract: (headers, body, options) => malformed(rest.extract(headers, body, options), alg),
    encoding,
    keyDescription: KEY_DESCRIPTIONS[derivation],
    key: (secret) => deriveKey(secret, derivation),
    keyVariants: (secret) => keyVariants(secret, derivation),
    check: (ex, key, c) => ({
      ok: Buffer.isBuffer(key) && macMatches(alg, encoding, key, content(ex, c), ex.signatures),
    }),
    otherEncoding: (ex, key, c) => {
      if (!Buffer.isBuffer(key)) return null
      const mac = hmac(alg, key, content(ex, c))
      for (const other of ENCODINGS) {
        if (other !== encoding && anyMatches(encode(mac, other), ex.signatures, other)) return other
      }
      return null
    },
  }
}

/** Shortest signature text any HMAC digest encodes to (a SHA-1 digest in base64 is 27+). */
const MIN_SIGNATURE_CHARS = 16

/**
 * A header whose every value is far too short for an HMAC (`sha256=00`) is malformed — worth
 * saying so rather than blaming the secret.
 */
function malformed(
  ex: ReturnType<Scheme['extract']>,
  alg: HmacAlgorithm,
): ReturnType<Scheme['extract']> {
  if (!ex || 'problem' in ex || ex.signatures.length === 0) return ex
  if (ex.signatures.some((sig) => sig.length >= MIN_SIGNATURE_CHARS)) return ex
  const sig = ex.signatures[0]
  const where = ex.source ?? 'the signature header'
  return {
    problem: `${where} is malformed: "${sig.slice(0, 16)}" is ${sig.length} characters, far too short for an HMAC-${alg.toUpperCase()} signature`,
  }
}

export function deriveKey(secret: string, derivation: KeyDerivation): Buffer {
  if (derivation === 'utf8') return Buffer.from(secret, 'utf8')
  if (derivation === 'utf8-trim') return Buffer.from(secret.trim(), 'utf8')
  return decodeWhsec(secret)
}

/** Standard Webhooks keys: optional whsec_ prefix, then base64 (padding optional, as Python). */
export function decodeWhsec(secret: string): Buffer {
  const rest = secret.startsWith('whsec_') ? secret.slice(6) : secret
  const padded = rest + '='.repeat((4 - (rest.length % 4)) % 4)
  const key = decodeBase64(padded)
  if (!key || key.length === 0)
    throw new KeyError('the secret is not base64 after the whsec_ prefix')
  return key
}

/** Plausible wrong ways a sender may have turned the same secret into a key. */
export function keyVariants(secret: string, derivation: KeyDerivation): KeyVariant[] {
  const out: KeyVariant[] = []
  const add = (key: Buffer | null, variant: string, describe: string): void => {
    if (key && key.length > 0) out.push({ key, variant, describe })
  }
  const hasPrefix = secret.startsWith('whsec_')
  const rest = hasPrefix ? secret.slice(6) : secret
  if (derivation === 'whsec') {
    add(
      Buffer.from(secret, 'utf8'),
      'whsec-raw',
      'the whsec_ secret used as raw text instead of base64-decoded',
    )
    if (hasPrefix)
      add(
        Buffer.from(rest, 'utf8'),
        'whsec-raw-unprefixed',
        'the text after whsec_ used as raw text instead of base64-decoded',
      )
    if (isHex(rest))
      add(Buffer.from(rest, 'hex'), 'hex', 'the secret hex-decoded instead of base64-decoded')
    return out
  }
  if (hasPrefix) {
    add(
      safeB64(rest),
      'whsec-decoded',
      'the whsec_ secret base64-decoded (Standard Webhooks style) instead of used as text',
    )
    add(Buffer.from(rest, 'utf8'), 'whsec-stripped', 'the secret without its whsec_ prefix')
  }
  if (isHex(secret))
    add(Buffer.from(secret, 'hex'), 'hex', 'the secret hex-decoded instead of used as text')
  else add(safeB64(secret), 'base64', 'the secret base64-decoded instead of used as text')
  if (derivation === 'utf8' && secret !== secret.trim()) {
    add(
      Buffer.from(secret.trim(), 'utf8'),
      'trimmed',
      'the secret without its surrounding whitespace',
    )
  }
  return out
}

function safeB64(s: string): Buffer | null {
  if (s.length < 8) return null
  try {
    return decodeWhsec(s)
  } catch {
    return null
  }
}
