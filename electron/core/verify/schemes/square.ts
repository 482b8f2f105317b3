/**
 * Square: `x-square-hmacsha256-signature` = base64 HMAC-SHA256 of the notification URL followed
 * by the raw body, with the signature key as text. A re-signed request is signed for its target.
 */
import { setHeader } from '../../../../shared/headers'
import { str } from '../../inspect/context'
import { single } from './parts/extract'
import { defineHmac } from './parts/hmac-scheme'
import { whenHeader } from '../scheme-definition'

export const square = defineHmac({
  id: 'square',
  label: 'Square',
  headers: ['x-square-hmacsha256-signature'],
  signsBody: true,
  usesUrl: true,
  alg: 'sha256',
  encoding: 'base64',
  derivation: 'utf8',
  extract: (h) => single(h, 'x-square-hmacsha256-signature'),
  signed: (f) => [f.url, f.body],
  sign: {
    timestamped: false,
    write: (ctx, compute) => ({
      headers: setHeader(ctx.headers, 'x-square-hmacsha256-signature', compute(ctx)),
      notes: [`Square signs the notification URL: signed for ${ctx.url}`],
    }),
  },
  detect: whenHeader(['x-square-hmacsha256-signature']),
  platform: { platform: 'square', eventType: (_c, b) => str(b.type) },
})
