/**
 * Schemes whose one header carries a timestamp and a list of signatures: Stripe
 * (`t=…,v1=…`, key is the whole whsec_ string as text) and Paddle (`ts=…;h1=…`, colon-joined).
 */
import type { HeaderPair } from '../../../../shared/event'
import { header, parseUnix } from '../crypto'
import type { Extracted, ExtractProblem } from '../types'
import { hmacScheme } from './hmac-scheme'

function parseList(
  headers: HeaderPair[],
  name: string,
  sep: string,
  tsKey: string,
  sigKey: string,
): Extracted | ExtractProblem | null {
  const value = header(headers, name)
  if (value === undefined) return null
  let ts: string | undefined
  const signatures: string[] = []
  for (const item of value.split(sep)) {
    const eq = item.indexOf('=')
    if (eq < 0) continue
    const k = item.slice(0, eq).trim()
    const v = item.slice(eq + 1).trim()
    if (k === tsKey) ts = v
    else if (k === sigKey) signatures.push(v)
  }
  if (ts === undefined) return { problem: `${name} has no ${tsKey}= timestamp` }
  const timestamp = parseUnix(ts)
  if (timestamp === null) return { problem: `${name} ${tsKey}= is not a Unix timestamp` }
  if (signatures.length === 0)
    return { problem: `${name} has no ${sigKey}= signature (other schemes are ignored)` }
  return { signatures, timestamp, source: name, data: { ts } }
}

export const stripe = hmacScheme({
  id: 'stripe',
  label: 'Stripe',
  headers: ['stripe-signature'],
  signsBody: true,
  tolerance: 300,
  direction: 'past',
  alg: 'sha256',
  encoding: 'hex',
  derivation: 'utf8',
  extract: (h) => parseList(h, 'Stripe-Signature', ',', 't', 'v1'),
  content: (ex, c) => [`${ex.data?.ts}.`, c.body],
})

export const paddle = hmacScheme({
  id: 'paddle',
  label: 'Paddle',
  headers: ['paddle-signature'],
  signsBody: true,
  tolerance: 5,
  direction: 'past',
  alg: 'sha256',
  encoding: 'hex',
  derivation: 'utf8',
  extract: (h) => parseList(h, 'Paddle-Signature', ';', 'ts', 'h1'),
  content: (ex, c) => [`${ex.data?.ts}:`, c.body],
})
