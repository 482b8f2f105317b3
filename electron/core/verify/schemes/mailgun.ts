/**
 * Mailgun: the signature lives in the body (`signature: {timestamp, token, signature}` in JSON
 * webhooks, form fields in legacy ones) and covers only `{timestamp}{token}` — not event-data.
 */
import type { HeaderPair } from '../../../../shared/event'
import { headerValue } from '../../../../shared/headers'
import { idStr, isRec, MAX_PARSE_BYTES, parseJson, str } from '../../inspect/context'
import { parseUnix } from '../crypto'
import type { Extracted, ExtractProblem } from '../types'
import { defineHmac } from './parts/hmac-scheme'

export interface MailgunSig {
  timestamp?: unknown
  token?: unknown
  signature?: unknown
}

function readSignature(headers: HeaderPair[], body: Buffer): MailgunSig | null {
  const form = /urlencoded|multipart/i.test(headerValue(headers, 'content-type') ?? '')
  if (!form && body.length <= MAX_PARSE_BYTES) {
    // Auto-detection asks every request: read the body's parse that classification already
    // made (parseJson keeps it), and scan the bytes for the key as written only when the
    // parsed body has one (`"signature"` escaped as \u0073... stays no signature, as before).
    const parsed = parseJson(body)
    const sig = isRec(parsed) ? parsed.signature : undefined
    return sig && typeof sig === 'object' && body.includes('"signature"')
      ? (sig as MailgunSig)
      : null
  }
  // A form, or a body too large for parseJson (only a configured Mailgun verifier gets here).
  if (!form && !body.includes('"signature"')) return null
  const text = body.toString('utf8')
  if (form && !text.trimStart().startsWith('{')) {
    const p = new URLSearchParams(text)
    return p.has('signature')
      ? { timestamp: p.get('timestamp'), token: p.get('token'), signature: p.get('signature') }
      : null
  }
  if (!text.includes('"signature"')) return null
  try {
    const sig = (JSON.parse(text) as { signature?: unknown }).signature
    return sig && typeof sig === 'object' ? (sig as MailgunSig) : null
  } catch {
    return null
  }
}

export function extractMailgun(
  headers: HeaderPair[],
  body: Buffer,
): Extracted | ExtractProblem | null {
  return mailgunExtracted(readSignature(headers, body))
}

/** What the body's `signature` object (or the form's fields) gives verification. */
export function mailgunExtracted(sig: MailgunSig | null): Extracted | ExtractProblem | null {
  if (!sig || typeof sig.token !== 'string') return null
  if (typeof sig.signature !== 'string')
    return { problem: 'signature.signature missing from the body' }
  const ts = String(sig.timestamp ?? '')
  const timestamp = parseUnix(ts)
  if (timestamp === null) return { problem: 'signature.timestamp is not a Unix timestamp' }
  return {
    signatures: [sig.signature],
    timestamp,
    source: 'signature (in the body)',
    data: { ts, token: sig.token },
  }
}

export const mailgun = defineHmac({
  id: 'mailgun',
  label: 'Mailgun',
  headers: [],
  signsBody: false,
  direction: 'both',
  caveat: 'only the timestamp and token are signed, not event-data',
  alg: 'sha256',
  encoding: 'hex',
  derivation: 'utf8',
  extract: extractMailgun,
  signed: (f) => [String(f.ts), String(f.token)],
  unsignable: 'Mailgun’s signature lives inside the body',
  // Read from the body, so only bodies of a sane size are looked at.
  detect: (h, body) => body !== undefined && body.length < 1_000_000 && !!extractMailgun(h, body),
  platform: {
    platform: 'mailgun',
    matches: (ctx) => {
      const b = ctx.json
      return isRec(b) && isRec(b.signature) && !!str(b.signature.token) && isRec(b['event-data'])
    },
    eventType: (_c, b) => (isRec(b['event-data']) ? str(b['event-data'].event) : undefined),
    subject: (b) => (isRec(b['event-data']) ? idStr(b['event-data'].id) : undefined),
  },
})
