/**
 * Twilio: `X-Twilio-Signature` = base64 HMAC-SHA1 of the URL Twilio called followed by the
 * sorted POST parameters (JSON bodies: `bodySHA256` in the URL instead), Auth Token as text.
 */
import { macMatches, safeEqual, sha256Hex } from '../crypto'
import type { SchemeDefinition } from '../scheme-definition'
import { whenHeader } from '../scheme-definition'
import type { Scheme } from '../types'
import { single } from './parts/extract'
import { deriveKey, keyVariants } from './parts/hmac-keys'

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

const verifier: Scheme = {
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

export const twilio: SchemeDefinition = {
  id: verifier.id,
  verifier,
  signing: {
    unsignable: 'Twilio re-signing is not supported (it signs the full URL and form parameters)',
  },
  detect: whenHeader(['x-twilio-signature']),
  platform: { platform: 'twilio' },
}
