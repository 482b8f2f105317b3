/**
 * The ways schemes carry a signature in headers, shared by several scheme definitions: a
 * prefixed value, a value plus a timestamp header, a `k=v` list with a timestamp, a bare value.
 * Each returns null when the signature header is absent, a problem when it cannot be used.
 */
import type { HeaderPair } from '../../../../../shared/event'
import { firstHeader, headerValue } from '../../../../../shared/headers'
import { parseUnix } from '../../crypto'
import type { Extracted, ExtractProblem } from '../../types'

export type ExtractResult = Extracted | ExtractProblem | null

/** `prefix<sig>` in one header; the prefix is required (verifiers compare the whole string). */
export function prefixed(headers: HeaderPair[], names: string[], prefix: string): ExtractResult {
  const found = firstHeader(headers, names)
  if (!found) return null
  const [name, value] = found
  if (prefix && !value.startsWith(prefix)) return { problem: `${name} lacks the ${prefix} prefix` }
  return { signatures: [value.slice(prefix.length).trim()], source: name }
}

/** A signature header plus the timestamp header it signs (Slack, Zoom, Agent Gateway). */
export function withTimestamp(
  headers: HeaderPair[],
  sigName: string,
  tsName: string,
  prefix: RegExp,
): ExtractResult {
  const value = headerValue(headers, sigName)
  if (value === undefined) return null
  const ts = headerValue(headers, tsName)
  if (ts === undefined)
    return { problem: `${tsName} header missing (it is part of the signed content)` }
  const timestamp = parseUnix(ts)
  if (timestamp === null) return { problem: `${tsName} is not a Unix timestamp` }
  const m = prefix.exec(value.trim())
  if (!m) return { problem: `${sigName} is not in the expected format` }
  return { signatures: [m[1]], timestamp, source: sigName, data: { ts } }
}

/** One header with a timestamp and a list of signatures: Stripe `t=,v1=`, Paddle `ts=;h1=`. */
export function parseList(
  headers: HeaderPair[],
  name: string,
  sep: string,
  tsKey: string,
  sigKey: string,
): ExtractResult {
  const value = headerValue(headers, name)
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

/** A public-key signature and the timestamp it signs; freshness is not judged (Discord, SendGrid). */
export function sigAndTs(headers: HeaderPair[], sigName: string, tsName: string): ExtractResult {
  const sig = headerValue(headers, sigName)
  if (sig === undefined) return null
  const ts = headerValue(headers, tsName)
  if (ts === undefined)
    return { problem: `${tsName} header missing (it is part of the signed content)` }
  // Neither official library checks freshness; the timestamp is only signed, not judged.
  return { signatures: [sig.trim()], source: sigName, data: { ts } }
}

/** A bare signature value; the content type rides along (Twilio signs form parameters). */
export function single(headers: HeaderPair[], name: string): ExtractResult {
  const value = headerValue(headers, name)
  if (value === undefined) return null
  return {
    signatures: [value.trim()],
    source: name,
    data: { contentType: headerValue(headers, 'content-type') ?? '' },
  }
}
