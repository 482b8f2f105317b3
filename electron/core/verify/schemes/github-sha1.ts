/**
 * GitHub's legacy `X-Hub-Signature: sha1=<hex>` over the raw body, HMAC-SHA1 with the secret
 * as text. Intercom signs the same way (intercom.ts reuses this spec).
 */
import { setHeader } from '../../../../shared/headers'
import { prefixed } from './parts/extract'
import { withNewId } from './parts/fresh-ids'
import { computeSignature, defineHmac, type HmacSpec } from './parts/hmac-scheme'
import { whenHeader } from '../scheme-definition'

export const GITHUB_SHA1_SPEC: HmacSpec = {
  id: 'github-sha1',
  label: 'GitHub (legacy SHA-1)',
  headers: ['x-hub-signature'],
  signsBody: true,
  alg: 'sha1',
  encoding: 'hex',
  derivation: 'utf8',
  extract: (h) => prefixed(h, ['X-Hub-Signature'], 'sha1='),
  signed: (f) => [f.body],
}

/** The legacy header's value for a body, for GitHub's signer that writes both headers. */
export function sha1Header(secret: string, body: Buffer): string {
  return `sha1=${computeSignature(GITHUB_SHA1_SPEC, secret)({ body, url: '', method: '' })}`
}

export const githubSha1 = defineHmac({
  ...GITHUB_SHA1_SPEC,
  sign: {
    timestamped: false,
    write: (ctx, compute) =>
      withNewId(
        ctx,
        setHeader(ctx.headers, 'X-Hub-Signature', `sha1=${compute(ctx)}`),
        'X-GitHub-Delivery',
      ),
  },
  detect: whenHeader(['x-hub-signature']),
  family: 'github',
})
