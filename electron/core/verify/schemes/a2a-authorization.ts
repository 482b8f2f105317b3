/**
 * A2A push notifications authenticated by `Authorization: {scheme} {credentials}` (anything but
 * a bearer JWT): compared with the configured value, not computed; it does not cover the body.
 * Detected last: any other Authorization header is taken for an A2A-style credential.
 */
import { headerValue, setHeader } from '../../../../shared/headers'
import { safeEqual } from '../crypto'
import type { SchemeDefinition } from '../scheme-definition'
import { whenHeader } from '../scheme-definition'
import type { Scheme } from '../types'

const verifier: Scheme = {
  id: 'a2a-authorization',
  label: 'A2A Authorization header',
  headers: ['authorization'],
  signsBody: false,
  keyDescription: 'the configured "{scheme} {credentials}"',
  caveat: 'the token does not cover the body',
  token: true,
  extract: (h) => {
    const v = headerValue(h, 'Authorization')
    return v === undefined ? null : { signatures: [v.trim()], source: 'Authorization' }
  },
  key: (secret) => secret.trim(),
  check: (ex, key) => {
    if (typeof key !== 'string') return { ok: false }
    const got = ex.signatures[0]
    // A secret without a scheme word is the credentials alone.
    const compared = key.includes(' ') ? got : got.slice(got.indexOf(' ') + 1)
    return { ok: safeEqual(key, compared) }
  },
}

export const a2aAuthorization: SchemeDefinition = {
  id: verifier.id,
  verifier,
  signing: {
    timestamped: false,
    sign: (ctx) => {
      const s = ctx.secret.trim()
      const value = /\s/.test(s) ? s : `Bearer ${s}`
      return { headers: setHeader(ctx.headers, 'Authorization', value), notes: [] }
    },
  },
  detect: whenHeader(['authorization']),
}
