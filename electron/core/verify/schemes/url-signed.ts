/**
 * Schemes whose signature covers the URL the sender called: Twilio (URL + sorted POST params,
 * HMAC-SHA1; JSON bodies via bodySHA256 in the URL) and Square (notification URL + raw body).
 */
import type { HeaderPair } from '../../../../shared/event'
import { header, macMatches, sha256Hex, safeEqual } from '../crypto'
import type { Extracted, ExtractProblem, Scheme } from '../types'
import { deriveKey, keyVariants } from './hmac-scheme'
import { hmacScheme } from './hmac-scheme'

function single(headers: HeaderPair[], name: string): Extracted | ExtractProblem | null {
  const value = header(headers, name)
  if (value === undefined) return null
  return {
    signatures: [value.trim()],
    source: name,
    data: { contentType: header(headers, 'content-type') ?? '' },
  }
}

const URL_PARTS = /^(https?):\/\/([^/:?#]+)(?::(\d+))?(.*)$/i

/** twilio-node tries the URL as given, without its port, and with the default port added. */
export function twilioUrlForms(url: string): string[] {
  const m = URL_PARTS.exec(url)
  if (!m) return [url]
  const [, proto, host, port, rest] = m
  const forms = [url]
  if (port) forms.push(`${proto}://${host}${rest}`)
  else forms.push(`${proto}://${host}:${proto.toLowerCase() === 'https' ? 443 : 80}${rest}`)
  return forms
}

/** Form parameters as twilio-node concatenates them: sorted names, then sorted unique values. */
function formParams(body: Buffer, contentType: string): string {
  if (!/application\/x-www-form-urlencoded/i.test(contentType)) return ''
  const params = new URLSearchParams(body.toString('utf8'))
  const byName = new Map<string, Set<string>>()
  for (const [k, v] of params) {
    if (!byName.has(k)) byName.set(k, new Set())
    byName.get(k)!.add(v)
  }
  let out = ''
  for (const name of [...byName.keys()].sort()) {
    for (const v of [...byName.get(name)!].sort()) out += name + v
  }
  return out
}

function bodySha256Param(url: string): string | null {
  const q = url.indexOf('?')
  if (q < 0) return null
  return new URLSearchParams(url.slice(q + 1)).get('bodySHA256')
}

export const twilio: Scheme = {
  id: 'twilio',
  label: 'Twilio',
  headers: ['x-twilio-signature'],
  signsBody: true,
  usesUrl: true,
  keyDescription: 'the Auth Token as text',
  extract: (h) => single(h, 'X-Twilio-Signature'),
  key: (secret) => deriveKey(secret, 'utf8'),
  keyVariants: (secret) => keyVariants(secret, 'utf8'),
  check: (ex, key, c) => {
    if (!Buffer.isBuffer(key)) return { ok: false }
    const bodyHash = bodySha256Param(c.url)
    const params = bodyHash === null ? formParams(c.body, String(ex.data?.contentType ?? '')) : ''
    const ok = twilioUrlForms(c.url).some((u) =>
      macMatches('sha1', 'base64', key, [u, params], ex.signatures),
    )
    if (!ok) return { ok: false }
    if (bodyHash !== null && !safeEqual(sha256Hex(c.body), bodyHash.toLowerCase())) {
      return {
        ok: false,
        problem: {
          kind: 'body-altered',
          message:
            'the URL signature matches, but the body does not match the bodySHA256 in the URL',
          details: { transformation: 'body-sha256' },
        },
      }
    }
    return { ok: true }
  },
}

export const square = hmacScheme({
  id: 'square',
  label: 'Square',
  headers: ['x-square-hmacsha256-signature'],
  signsBody: true,
  usesUrl: true,
  alg: 'sha256',
  encoding: 'base64',
  derivation: 'utf8',
  extract: (h) => single(h, 'x-square-hmacsha256-signature'),
  content: (_ex, c) => [c.url, c.body],
})
