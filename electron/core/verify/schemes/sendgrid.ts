/**
 * The SendGrid Event Webhook: ECDSA P-256/SHA-256 over `{timestamp}{body}`, base64 DER
 * signature, checked with the base64 SPKI verification key. Signing needs SendGrid's key.
 */
import { KeyObject, verify as cryptoVerify } from 'node:crypto'
import { decodeBase64 } from '../crypto'
import type { SchemeDefinition } from '../scheme-definition'
import { whenHeader } from '../scheme-definition'
import type { Scheme } from '../types'
import { sigAndTs } from './parts/extract'
import { spkiKey } from './parts/public-keys'

const SIG = 'X-Twilio-Email-Event-Webhook-Signature'

const verifier: Scheme = {
  id: 'sendgrid',
  label: 'SendGrid Event Webhook',
  headers: [SIG.toLowerCase()],
  signsBody: true,
  keyDescription: 'the base64 SPKI verification key',
  extract: (h) => sigAndTs(h, SIG, 'X-Twilio-Email-Event-Webhook-Timestamp'),
  key: spkiKey,
  check: (ex, key, c) => {
    const sig = decodeBase64(ex.signatures[0])
    if (!(key instanceof KeyObject) || !sig) return { ok: false }
    const msg = Buffer.concat([Buffer.from(String(ex.data?.ts)), c.body])
    try {
      return { ok: cryptoVerify('sha256', msg, { key, dsaEncoding: 'der' }, sig) }
    } catch {
      return { ok: false }
    }
  },
}

export const sendgrid: SchemeDefinition = {
  id: verifier.id,
  verifier,
  signing: { unsignable: 'ECDSA signatures need SendGrid’s private key' },
  detect: whenHeader([SIG]),
  platform: { platform: 'sendgrid' },
}
