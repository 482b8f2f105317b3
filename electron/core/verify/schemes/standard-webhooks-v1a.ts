/**
 * Standard Webhooks' spec-only Ed25519 variant: `v1a,<b64>` entries over `{id}.{timestamp}.{body}`,
 * checked with a whpk_ public key. Signing needs the sender's private key.
 */
import { KeyObject, verify as edVerify } from 'node:crypto'
import { decodeBase64 } from '../crypto'
import type { SchemeDefinition } from '../scheme-definition'
import { whenHeader } from '../scheme-definition'
import type { Scheme } from '../types'
import { ed25519Key } from './parts/public-keys'
import { extractFamily, hasV1a } from './parts/standard-webhooks-family'

const verifier: Scheme = {
  id: 'standard-webhooks-v1a',
  label: 'Standard Webhooks (Ed25519)',
  headers: ['webhook-signature', 'svix-signature'],
  signsBody: true,
  tolerance: 300,
  direction: 'both',
  keyDescription: 'the whpk_ public key',
  extract: (h) => extractFamily(h, 'webhook', 'v1a'),
  key: (secret) => ed25519Key(decodeBase64(secret.replace(/^whpk_/, ''))),
  check: (ex, key, c) => {
    if (!(key instanceof KeyObject)) return { ok: false }
    const msg = Buffer.concat([Buffer.from(`${ex.data?.id}.${ex.data?.ts}.`), c.body])
    let ok = false
    for (const s of ex.signatures) {
      const sig = decodeBase64(s)
      if (sig && sig.length === 64 && edVerify(null, msg, key, sig)) ok = true
    }
    return { ok }
  },
}

export const standardWebhooksV1a: SchemeDefinition = {
  id: verifier.id,
  verifier,
  signing: { unsignable: 'Ed25519 signatures need the sender’s private key' },
  detect: whenHeader(['webhook-signature', 'svix-signature'], hasV1a),
}
