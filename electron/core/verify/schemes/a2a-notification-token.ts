/**
 * The legacy A2A push-notification credential `X-A2A-Notification-Token`: compared with the
 * registered token, not computed; it does not cover the body.
 */
import { firstHeader, setHeader } from '../../../../shared/headers'
import { safeEqual } from '../crypto'
import type { SchemeDefinition } from '../scheme-definition'
import { whenHeader } from '../scheme-definition'
import type { Scheme } from '../types'

// The Go SDK spells it without the X- (the Agent lens flags the unusual spelling).
const NAMES = ['X-A2A-Notification-Token', 'A2A-Notification-Token']

const verifier: Scheme = {
  id: 'a2a-notification-token',
  label: 'A2A notification token',
  headers: NAMES.map((n) => n.toLowerCase()),
  signsBody: false,
  keyDescription: 'the registered token',
  caveat: 'the token does not cover the body',
  token: true,
  extract: (h) => {
    const found = firstHeader(h, NAMES)
    return found ? { signatures: [found[1]], source: found[0] } : null
  },
  key: (secret) => secret,
  check: (ex, key) => ({ ok: typeof key === 'string' && safeEqual(key, ex.signatures[0]) }),
}

export const a2aNotificationToken: SchemeDefinition = {
  id: verifier.id,
  verifier,
  signing: {
    timestamped: false,
    sign: (ctx) => ({ headers: setHeader(ctx.headers, NAMES[0], ctx.secret), notes: [] }),
  },
  // Only the X- spelling names the scheme on its own (the other is flagged by the lens).
  detect: whenHeader([NAMES[0]]),
}
