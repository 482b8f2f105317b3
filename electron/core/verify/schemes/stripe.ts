/**
 * Stripe: `Stripe-Signature: t=<ts>,v1=<hex>[,v1=…]` over `{t}.{body}`, HMAC-SHA256 keyed with
 * the whole whsec_ string as text; stale timestamps fail after 300 s, future ones do not.
 */
import { setHeader } from '../../../../shared/headers'
import { parseList } from './parts/extract'
import { defineHmac } from './parts/hmac-scheme'
import { whenHeader } from '../scheme-definition'

export const stripe = defineHmac({
  id: 'stripe',
  label: 'Stripe',
  headers: ['stripe-signature'],
  signsBody: true,
  tolerance: 300,
  direction: 'past',
  alg: 'sha256',
  encoding: 'hex',
  derivation: 'utf8',
  extract: (h) => parseList(h, 'Stripe-Signature', ',', 't', 'v1'),
  signed: (f) => [`${f.ts}.`, f.body],
  sign: {
    timestamped: true,
    write: (ctx, compute) => {
      const t = String(ctx.nowSec)
      const v1 = compute({ ...ctx, ts: t })
      const notes = ctx.newId
        ? ['Stripe keeps the event id inside the body; it was not changed']
        : []
      return { headers: setHeader(ctx.headers, 'Stripe-Signature', `t=${t},v1=${v1}`), notes }
    },
  },
  detect: whenHeader(['stripe-signature']),
})
