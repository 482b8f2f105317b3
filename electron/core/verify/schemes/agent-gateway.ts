/**
 * Agent Gateway: `X-AgentGateway-Signature` (bare hex, or sha256= as the reference sender
 * writes it) over `{X-AgentGateway-Timestamp}.{body}`, HMAC-SHA256 with the secret as text.
 */
import { headerValue, setHeader } from '../../../../shared/headers'
import { withTimestamp } from './parts/extract'
import { defineHmac } from './parts/hmac-scheme'
import { whenHeader } from '../scheme-definition'

export const agentGateway = defineHmac({
  id: 'agent-gateway',
  label: 'Agent Gateway',
  headers: ['x-agentgateway-signature'],
  signsBody: true,
  // The docs only say "a few minutes old": stale timestamps fail, future ones do not.
  tolerance: 300,
  direction: 'past',
  alg: 'sha256',
  encoding: 'hex',
  derivation: 'utf8',
  // The reference sender adds sha256= although its docs show bare hex: accept both.
  extract: (h) =>
    withTimestamp(h, 'X-AgentGateway-Signature', 'X-AgentGateway-Timestamp', /^(?:sha256=)?(.+)$/),
  signed: (f) => [`${f.ts}.`, f.body],
  sign: {
    timestamped: true,
    write: (ctx, compute) => {
      const ts = String(ctx.nowSec)
      const hex = compute({ ...ctx, ts })
      // Keep the format the capture used (an option may force one).
      const prior = headerValue(ctx.headers, 'X-AgentGateway-Signature')
      const format =
        ctx.options?.signatureFormat ??
        (prior && !prior.startsWith('sha256=') ? 'bare' : 'prefixed')
      const value = format === 'bare' ? hex : `sha256=${hex}`
      const headers = setHeader(ctx.headers, 'X-AgentGateway-Timestamp', ts)
      return { headers: setHeader(headers, 'X-AgentGateway-Signature', value), notes: [] }
    },
  },
  detect: whenHeader(['x-agentgateway-signature']),
})
