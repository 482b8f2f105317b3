/**
 * Slack and Zoom sign `v0:{timestamp}:{body}` the same way (HMAC-SHA256, hex, `v0=` prefix,
 * 300 s both ways); only the header names differ.
 */
import { setHeader } from '../../../../../shared/headers'
import type { PlatformHint, SchemeDefinition } from '../../scheme-definition'
import { whenHeader } from '../../scheme-definition'
import type { Scheme } from '../../types'
import { withTimestamp } from './extract'
import { defineHmac } from './hmac-scheme'

export function v0Definition(
  id: string,
  label: string,
  sigName: string,
  tsName: string,
  platform?: PlatformHint,
): SchemeDefinition & { verifier: Scheme } {
  return defineHmac({
    id,
    label,
    headers: [sigName.toLowerCase()],
    signsBody: true,
    tolerance: 300,
    direction: 'both',
    alg: 'sha256',
    encoding: 'hex',
    derivation: 'utf8',
    extract: (h) => withTimestamp(h, sigName, tsName, /^v0=(.+)$/),
    signed: (f) => [`v0:${f.ts}:`, f.body],
    sign: {
      timestamped: true,
      write: (ctx, compute) => {
        const ts = String(ctx.nowSec)
        const headers = setHeader(ctx.headers, tsName, ts)
        return { headers: setHeader(headers, sigName, `v0=${compute({ ...ctx, ts })}`), notes: [] }
      },
    },
    detect: whenHeader([sigName]),
    platform,
  })
}
