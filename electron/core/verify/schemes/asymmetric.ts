/**
 * Public-key schemes: Discord interactions (Ed25519 over `{ts}{body}`, hex key and signature)
 * and the SendGrid Event Webhook (ECDSA P-256/SHA-256 over `{ts}{body}`, base64 DER, SPKI key).
 */
import { createPublicKey, verify as cryptoVerify, KeyObject } from 'node:crypto'
import type { HeaderPair } from '../../../../shared/event'
import { decodeBase64, header, isHex } from '../crypto'
import type { Extracted, ExtractProblem, Scheme } from '../types'
import { KeyError } from '../types'
import { ed25519Key } from './standard-webhooks'

function sigAndTs(
  headers: HeaderPair[],
  sigName: string,
  tsName: string,
): Extracted | ExtractProblem | null {
  const sig = header(headers, sigName)
  if (sig === undefined) return null
  const ts = header(headers, tsName)
  if (ts === undefined)
    return { problem: `${tsName} header missing (it is part of the signed content)` }
  // Neither official library checks freshness; the timestamp is only signed, not judged.
  return { signatures: [sig.trim()], source: sigName, data: { ts } }
}

export const discord: Scheme = {
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

function spkiKey(secret: string): KeyObject {
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

export const sendgrid: Scheme = {
  id: 'sendgrid',
  label: 'SendGrid Event Webhook',
  headers: ['x-twilio-email-event-webhook-signature'],
  signsBody: true,
  keyDescription: 'the base64 SPKI verification key',
  extract: (h) =>
    sigAndTs(h, 'X-Twilio-Email-Event-Webhook-Signature', 'X-Twilio-Email-Event-Webhook-Timestamp'),
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
