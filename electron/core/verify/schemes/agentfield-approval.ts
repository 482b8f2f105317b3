/**
 * AgentField approval webhooks: `t=<ts>,v1=<hex>` over `{t}.{body}`, or `sha256=<hex>` / bare
 * hex over the body alone, under X-Hax-Signature, X-Webhook-Signature or X-Hub-Signature-256.
 */
import { firstHeader, setHeader } from '../../../../shared/headers'
import { parseUnix } from '../crypto'
import { defineHmac } from './parts/hmac-scheme'
import { whenHeader } from '../scheme-definition'

const APPROVAL_HEADERS = ['X-Hax-Signature', 'X-Webhook-Signature', 'X-Hub-Signature-256']

export const agentfieldApproval = defineHmac({
  id: 'agentfield-approval',
  label: 'AgentField approval webhook',
  headers: ['x-hax-signature', 'x-webhook-signature'],
  signsBody: true,
  tolerance: 300,
  direction: 'both',
  alg: 'sha256',
  encoding: 'hex',
  derivation: 'utf8',
  extract: (h) => {
    const found = firstHeader(h, APPROVAL_HEADERS)
    if (!found) return null
    const [name, raw] = found
    const value = raw.trim()
    if (value.includes('v1=')) {
      const parts = Object.fromEntries(
        value.split(',').map((p) => p.split('=', 2).map((s) => s.trim())),
      )
      const timestamp = parseUnix(parts.t)
      if (timestamp === null) return { problem: `${name} has no valid t= timestamp` }
      return { signatures: [parts.v1 ?? ''], timestamp, source: name, data: { ts: parts.t } }
    }
    return { signatures: [value.replace(/^sha256=/, '')], source: name }
  },
  signed: (f) => (f.ts !== undefined ? [`${f.ts}.`, f.body] : [f.body]),
  sign: {
    timestamped: true,
    write: (ctx, compute) => {
      const [name, prior] = firstHeader(ctx.headers, APPROVAL_HEADERS) ?? ['X-Hax-Signature', 't=']
      let value: string
      if (prior.startsWith('t=')) {
        const t = String(ctx.nowSec)
        value = `t=${t},v1=${compute({ ...ctx, ts: t })}`
      } else {
        const hex = compute(ctx)
        value = prior.startsWith('sha256=') ? `sha256=${hex}` : hex
      }
      return { headers: setHeader(ctx.headers, name, value), notes: [] }
    },
  },
  detect: whenHeader(['x-hax-signature', 'x-webhook-signature']),
})
