/**
 * Shopify: `X-Shopify-Hmac-Sha256` (or the unprefixed `shopify-hmac-sha256` of newer
 * deliveries) = base64 HMAC-SHA256 of the raw body with the app secret as text.
 */
import { hasHeader, setHeader } from '../../../../shared/headers'
import { idStr } from '../../inspect/context'
import { prefixed } from './parts/extract'
import { withNewId } from './parts/fresh-ids'
import { defineHmac } from './parts/hmac-scheme'
import { whenHeader } from '../scheme-definition'

const SIG_HEADERS = ['X-Shopify-Hmac-Sha256', 'shopify-hmac-sha256']

export const shopify = defineHmac({
  id: 'shopify',
  label: 'Shopify',
  headers: ['x-shopify-hmac-sha256', 'shopify-hmac-sha256'],
  signsBody: true,
  alg: 'sha256',
  encoding: 'base64',
  derivation: 'utf8',
  extract: (h) => prefixed(h, SIG_HEADERS, ''),
  signed: (f) => [f.body],
  sign: {
    timestamped: false,
    write: (ctx, compute) => {
      const sig = compute(ctx)
      let headers = ctx.headers
      const names = SIG_HEADERS.filter((h) => hasHeader(headers, h))
      for (const h of names.length ? names : [SIG_HEADERS[0]]) headers = setHeader(headers, h, sig)
      if (hasHeader(headers, 'X-Shopify-Triggered-At')) {
        const at = new Date(ctx.nowSec * 1000).toISOString()
        headers = setHeader(headers, 'X-Shopify-Triggered-At', at)
      }
      return withNewId(ctx, headers, 'X-Shopify-Webhook-Id')
    },
  },
  detect: whenHeader(['x-shopify-hmac-sha256', 'shopify-hmac-sha256']),
  platform: {
    platform: 'shopify',
    headers: ['x-shopify-topic', 'shopify-topic', 'x-shopify-hmac-sha256', 'shopify-hmac-sha256'],
    eventType: (ctx) => ctx.header('x-shopify-topic') ?? ctx.header('shopify-topic'),
    subject: (b) => idStr(b.admin_graphql_api_id) ?? idStr(b.id),
  },
})
