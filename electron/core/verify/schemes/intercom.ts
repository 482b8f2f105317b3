/**
 * Intercom signs exactly as GitHub's legacy SHA-1 header does; only the name differs, so it is
 * told apart by Intercom's User-Agent.
 */
import { headerValue, setHeader } from '../../../../shared/headers'
import { GITHUB_SHA1_SPEC } from './github-sha1'
import { defineHmac } from './parts/hmac-scheme'
import { whenHeader } from '../scheme-definition'

export const intercom = defineHmac({
  ...GITHUB_SHA1_SPEC,
  id: 'intercom',
  label: 'Intercom',
  sign: {
    timestamped: false,
    write: (ctx, compute) => ({
      headers: setHeader(ctx.headers, 'X-Hub-Signature', `sha1=${compute(ctx)}`),
      notes: [],
    }),
  },
  detect: whenHeader(['x-hub-signature'], (h) =>
    /intercom/i.test(headerValue(h, 'user-agent') ?? ''),
  ),
})
