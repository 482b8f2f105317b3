/**
 * Linear: `Linear-Signature` = hex HMAC-SHA256 of the raw body; the replay timestamp is
 * `webhookTimestamp` (ms) inside the body, else the `Linear-Timestamp` header; 60 s both ways.
 */
import type { HeaderPair } from '../../../../shared/event'
import { hasHeader, headerValue, setHeader } from '../../../../shared/headers'
import { get, idStr, str } from '../../inspect/context'
import { parseUnix } from '../crypto'
import { prefixed } from './parts/extract'
import { defineHmac } from './parts/hmac-scheme'
import { whenHeader } from '../scheme-definition'

function linearTimestamp(headers: HeaderPair[], body: Buffer): number | undefined {
  const m = /"webhookTimestamp"\s*:\s*(\d{10,16})/.exec(body.toString('utf8'))
  const ms = m ? Number(m[1]) : parseUnix(headerValue(headers, 'linear-timestamp'))
  return ms === null ? undefined : ms / 1000
}

export const linear = defineHmac({
  id: 'linear',
  label: 'Linear',
  headers: ['linear-signature'],
  signsBody: true,
  tolerance: 60,
  direction: 'both',
  alg: 'sha256',
  encoding: 'hex',
  derivation: 'utf8',
  extract: (h, body) => {
    const ex = prefixed(h, ['Linear-Signature'], '')
    if (!ex || 'problem' in ex) return ex
    return { ...ex, timestamp: linearTimestamp(h, body) }
  },
  signed: (f) => [f.body],
  sign: {
    timestamped: true,
    write: (ctx, compute) => {
      let headers = setHeader(ctx.headers, 'Linear-Signature', compute(ctx))
      if (hasHeader(headers, 'Linear-Timestamp'))
        headers = setHeader(headers, 'Linear-Timestamp', String(ctx.nowSec * 1000))
      const notes = [
        "Linear's webhookTimestamp is inside the signed body and was not changed: handlers that check it (60 s) will still reject an old event",
      ]
      return { headers, notes }
    },
  },
  detect: whenHeader(['linear-signature']),
  platform: {
    platform: 'linear',
    headers: ['linear-signature', 'linear-event', 'linear-delivery'],
    eventType: (ctx, b) => {
      const type = str(b.type) ?? ctx.header('linear-event')
      const action = str(b.action)
      return type && action ? `${type}.${action}` : type
    },
    subject: (b) => idStr(get(b, 'data', 'identifier')) ?? idStr(get(b, 'data', 'id')),
  },
})
