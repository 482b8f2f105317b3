/**
 * Discord interactions: `X-Signature-Ed25519` (hex) over `{X-Signature-Timestamp}{body}`,
 * checked with the application's hex public key. Signing needs Discord's private key.
 */
import { KeyObject, verify as cryptoVerify } from 'node:crypto'
import { get, str } from '../../inspect/context'
import { isHex } from '../crypto'
import type { SchemeDefinition } from '../scheme-definition'
import { whenHeader } from '../scheme-definition'
import type { Scheme } from '../types'
import { KeyError } from '../types'
import { sigAndTs } from './parts/extract'
import { ed25519Key } from './parts/public-keys'

const verifier: Scheme = {
  id: 'discord',
  label: 'Discord',
  headers: ['x-signature-ed25519'],
  signsBody: true,
  keyDescription: "the application's hex public key",
  extract: (h) => sigAndTs(h, 'X-Signature-Ed25519', 'X-Signature-Timestamp'),
  key: (secret) => {
    const s = secret.trim()
    if (!isHex(s)) throw new KeyError('the public key is not hex')
    return ed25519Key(Buffer.from(s, 'hex'))
  },
  check: (ex, key, c) => {
    const sig = ex.signatures[0]
    if (!(key instanceof KeyObject) || !isHex(sig) || sig.length !== 128) return { ok: false }
    const msg = Buffer.concat([Buffer.from(String(ex.data?.ts)), c.body])
    return { ok: cryptoVerify(null, msg, key, Buffer.from(sig, 'hex')) }
  },
}

export const discord: SchemeDefinition = {
  id: verifier.id,
  verifier,
  signing: { unsignable: 'Ed25519 signatures need Discord’s private key' },
  detect: whenHeader(['x-signature-ed25519']),
  platform: {
    platform: 'discord',
    eventType: (_c, b) =>
      typeof b.type === 'number' ? `interaction.${b.type}` : str(get(b, 'event', 'type')),
  },
}
