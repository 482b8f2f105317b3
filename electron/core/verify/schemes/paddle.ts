/**
 * Paddle Billing: `Paddle-Signature: ts=<ts>;h1=<hex>` over `{ts}:{body}`, HMAC-SHA256 with
 * the secret as text; Paddle's own SDK allows only 5 s.
 */
import { setHeader } from '../../../../shared/headers'
import { get, idStr, str } from '../../inspect/context'
import { parseList } from './parts/extract'
import { defineHmac } from './parts/hmac-scheme'
import { whenHeader } from '../scheme-definition'

export const paddle = defineHmac({
  id: 'paddle',
  label: 'Paddle',
  headers: ['paddle-signature'],
  signsBody: true,
  tolerance: 5,
  direction: 'past',
  alg: 'sha256',
  encoding: 'hex',
  derivation: 'utf8',
  extract: (h) => parseList(h, 'Paddle-Signature', ';', 'ts', 'h1'),
  signed: (f) => [`${f.ts}:`, f.body],
  sign: {
    timestamped: true,
    write: (ctx, compute) => {
      const ts = String(ctx.nowSec)
      const h1 = compute({ ...ctx, ts })
      return {
        headers: setHeader(ctx.headers, 'Paddle-Signature', `ts=${ts};h1=${h1}`),
        notes: ['Paddle accepts signatures only 5 s old: replay right away'],
      }
    },
  },
  detect: whenHeader(['paddle-signature']),
  platform: {
    platform: 'paddle',
    eventType: (_c, b) => str(b.event_type),
    subject: (b) => idStr(get(b, 'data', 'id')),
  },
})
