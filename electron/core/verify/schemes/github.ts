/**
 * GitHub: `X-Hub-Signature-256: sha256=<hex>` over the raw body, HMAC-SHA256 with the secret
 * as text. Re-signing also refreshes the legacy SHA-1 header when the capture had one.
 */
import { hasHeader, setHeader } from '../../../../shared/headers'
import { sha1Header } from './github-sha1'
import { prefixed } from './parts/extract'
import { withNewId } from './parts/fresh-ids'
import { defineHmac } from './parts/hmac-scheme'
import { whenHeader } from '../scheme-definition'

export const github = defineHmac({
  id: 'github',
  label: 'GitHub',
  headers: ['x-hub-signature-256'],
  signsBody: true,
  alg: 'sha256',
  encoding: 'hex',
  derivation: 'utf8',
  extract: (h) => prefixed(h, ['X-Hub-Signature-256'], 'sha256='),
  signed: (f) => [f.body],
  sign: {
    timestamped: false,
    write: (ctx, compute) => {
      let headers = setHeader(ctx.headers, 'X-Hub-Signature-256', `sha256=${compute(ctx)}`)
      if (hasHeader(headers, 'X-Hub-Signature'))
        headers = setHeader(headers, 'X-Hub-Signature', sha1Header(ctx.secret, ctx.body))
      return withNewId(ctx, headers, 'X-GitHub-Delivery')
    },
  },
  detect: whenHeader(['x-hub-signature-256']),
  family: 'github',
})
