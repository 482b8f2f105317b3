/**
 * PagerDuty (v3 webhooks): `X-PagerDuty-Signature: v1=<hex>[,v1=…]`, hex HMAC-SHA256 of the
 * raw body with the secret as text; one entry per active secret during rotation.
 */
import { headerValue, setHeader } from '../../../../shared/headers'
import { get, idStr, str } from '../../inspect/context'
import { defineHmac } from './parts/hmac-scheme'
import { whenHeader } from '../scheme-definition'

export const pagerduty = defineHmac({
  id: 'pagerduty',
  label: 'PagerDuty',
  headers: ['x-pagerduty-signature'],
  signsBody: true,
  alg: 'sha256',
  encoding: 'hex',
  derivation: 'utf8',
  extract: (h) => {
    const value = headerValue(h, 'X-PagerDuty-Signature')
    if (value === undefined) return null
    const signatures = value
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s.startsWith('v1='))
      .map((s) => s.slice(3))
    if (signatures.length === 0) return { problem: 'X-PagerDuty-Signature has no v1= entry' }
    return { signatures, source: 'X-PagerDuty-Signature' }
  },
  signed: (f) => [f.body],
  sign: {
    timestamped: false,
    write: (ctx, compute) => ({
      headers: setHeader(ctx.headers, 'X-PagerDuty-Signature', `v1=${compute(ctx)}`),
      notes: [],
    }),
  },
  detect: whenHeader(['x-pagerduty-signature']),
  platform: {
    platform: 'pagerduty',
    eventType: (_c, b) => str(get(b, 'event', 'event_type')),
    subject: (b) => idStr(get(b, 'event', 'data', 'id')),
  },
})
