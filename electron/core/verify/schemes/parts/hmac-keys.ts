/**
 * How a secret string becomes HMAC key bytes (utf8, trimmed utf8, Standard Webhooks' whsec_),
 * used the same way to verify and to sign, and the wrong-but-plausible derivations the
 * diagnosis tries.
 */
import { decodeBase64, isHex } from '../../crypto'
import type { KeyVariant } from '../../types'
import { KeyError } from '../../types'

/** How a secret string becomes HMAC key bytes. */
export type KeyDerivation = 'utf8' | 'utf8-trim' | 'whsec'

export const KEY_DESCRIPTIONS: Record<KeyDerivation, string> = {
  utf8: 'the secret as text',
  'utf8-trim': 'the whitespace-trimmed secret as text',
  whsec: 'the base64-decoded bytes after whsec_',
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
