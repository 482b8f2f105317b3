/**
 * Public keys for the asymmetric schemes, from the forms senders publish them in: a raw
 * Ed25519 key (hex or whpk_ base64) and an SPKI key (base64 DER or PEM).
 */
import { createPublicKey, KeyObject } from 'node:crypto'
import { decodeBase64 } from '../../crypto'
import { KeyError } from '../../types'

/** 32 raw bytes of Ed25519 public key (the Standard Webhooks spec leaves the layout open). */
export function ed25519Key(raw: Buffer | null): KeyObject {
  if (!raw || raw.length !== 32) throw new KeyError('the public key is not 32 bytes of Ed25519 key')
  return createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') },
    format: 'jwk',
  })
}

export function spkiKey(secret: string): KeyObject {
  try {
    const s = secret.trim()
    if (s.startsWith('-----BEGIN')) return createPublicKey(s)
    const der = decodeBase64(s)
    if (!der) throw new Error()
    return createPublicKey({ key: der, format: 'der', type: 'spki' })
  } catch {
    throw new KeyError('the verification key is not a base64 SPKI (or PEM) public key')
  }
}
