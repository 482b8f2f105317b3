/**
 * AgentField execution webhooks: `X-AgentField-Signature: sha256=<hex>` over the raw body,
 * keyed with the whitespace-trimmed secret.
 */
import { setHeader } from '../../../../shared/headers'
import { prefixed } from './parts/extract'
import { defineHmac } from './parts/hmac-scheme'
import { whenHeader } from '../scheme-definition'

export const agentfieldExecution = defineHmac({
  id: 'agentfield-execution',
  label: 'AgentField execution webhook',
  headers: ['x-agentfield-signature'],
  signsBody: true,
  alg: 'sha256',
  encoding: 'hex',
  derivation: 'utf8-trim',
  extract: (h) => prefixed(h, ['X-AgentField-Signature'], 'sha256='),
  signed: (f) => [f.body],
  sign: {
    timestamped: false,
    write: (ctx, compute) => ({
      headers: setHeader(ctx.headers, 'X-AgentField-Signature', `sha256=${compute(ctx)}`),
      notes: [],
    }),
  },
  detect: whenHeader(['x-agentfield-signature']),
})
