/**
 * Mailgun: the signature lives in the body (`signature: {timestamp, token, signature}` in JSON
 * webhooks, form fields in legacy ones) and covers only `{timestamp}{token}` — not event-data.
 */
import { header, parseUnix } from '../crypto'
import type { Extracted, ExtractProblem } from '../types'
import type { HeaderPair } from '../../../../shared/event'
import { hmacScheme } from './hmac-scheme'

interface MailgunSig {
  timestamp?: unknown
  token?: unknown
  signature?: unknown
}

function readSignature(headers: HeaderPair[], body: Buffer): MailgunSig | null {
  const text = body.toString('utf8')
  if (
    /urlencoded|multipart/i.test(header(headers, 'content-type') ?? '') &&
    !text.trimStart().startsWith('{')
  ) {
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
  const sig = readSignature(headers, body)
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

export const mailgun = hmacScheme({
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
  content: (ex) => [String(ex.data?.ts), String(ex.data?.token)],
})
