/**
 * A2A push-notification credentials that are compared, not computed: the legacy
 * `X-A2A-Notification-Token` and `Authorization: {scheme} {credentials}`. Neither covers the body.
 */
import { header, safeEqual } from '../crypto'
import type { Scheme } from '../types'

const NOT_BODY = 'the token does not cover the body'

export const a2aNotificationToken: Scheme = {
  id: 'a2a-notification-token',
  label: 'A2A notification token',
  // The Go SDK spells it without the X- (the Agent lens flags the unusual spelling).
  headers: ['x-a2a-notification-token', 'a2a-notification-token'],
  signsBody: false,
  keyDescription: 'the registered token',
  caveat: NOT_BODY,
  token: true,
  extract: (h) => {
    for (const name of ['X-A2A-Notification-Token', 'A2A-Notification-Token']) {
      const v = header(h, name)
      if (v !== undefined) return { signatures: [v], source: name }
    }
    return null
  },
  key: (secret) => secret,
  check: (ex, key) => ({ ok: typeof key === 'string' && safeEqual(key, ex.signatures[0]) }),
}

export const a2aAuthorization: Scheme = {
  id: 'a2a-authorization',
  label: 'A2A Authorization header',
  headers: ['authorization'],
  signsBody: false,
  keyDescription: 'the configured "{scheme} {credentials}"',
  caveat: NOT_BODY,
  token: true,
  extract: (h) => {
    const v = header(h, 'Authorization')
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
