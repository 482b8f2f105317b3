/**
 * What Standard Webhooks and the providers that deliver through Svix (svix, clerk, resend)
 * share: `{id}.{timestamp}.{body}` signed with the base64-decoded whsec_ key, a space-separated
 * `v<version>,<b64>` list under `webhook-*` or `svix-*` headers. The v1a (Ed25519) variant
 * reads the same headers.
 */
import type { HeaderPair } from '../../../../../shared/event'
import { hasHeader, headerValue, setHeader } from '../../../../../shared/headers'
import { parseUnix } from '../../crypto'
import type { SchemeDefinition, SignContext, SignResult } from '../../scheme-definition'
import type { Scheme } from '../../types'
import type { ExtractResult } from './extract'
import { freshMessageId } from './fresh-ids'
import { defineHmac, type ComputeSignature } from './hmac-scheme'

export type Brand = 'webhook' | 'svix'

export function extractFamily(
  headers: HeaderPair[],
  prefer: Brand,
  version: 'v1' | 'v1a',
): ExtractResult {
  const brands: Brand[] = prefer === 'svix' ? ['svix', 'webhook'] : ['webhook', 'svix']
  const brand = brands.find((b) => headerValue(headers, `${b}-signature`) !== undefined)
  if (!brand) return null
  const sigHeader = `${brand}-signature`
  const id = headerValue(headers, `${brand}-id`)
  const ts = headerValue(headers, `${brand}-timestamp`)
  if (id === undefined)
    return { problem: `${brand}-id header missing (it is part of the signed content)` }
  if (ts === undefined)
    return { problem: `${brand}-timestamp header missing (it is part of the signed content)` }
  const timestamp = parseUnix(ts)
  if (timestamp === null) return { problem: `${brand}-timestamp is not a Unix timestamp` }
  const entries = (headerValue(headers, sigHeader) ?? '').split(' ').filter(Boolean)
  const signatures: string[] = []
  const versions = new Set<string>()
  for (const e of entries) {
    const comma = e.indexOf(',')
    const v = comma < 0 ? e : e.slice(0, comma)
    versions.add(v)
    if (comma > 0 && v === version) signatures.push(e.slice(comma + 1))
  }
  if (signatures.length === 0) {
    const found = [...versions].join(', ') || 'nothing'
    return { problem: `${sigHeader} has no ${version} entry (found ${found})` }
  }
  return { signatures, timestamp, source: sigHeader, data: { id, ts } }
}

/** The signature list detection reads: webhook-signature first, as the catalog says. */
function signatureList(h: HeaderPair[]): string | undefined {
  return headerValue(h, 'webhook-signature') ?? headerValue(h, 'svix-signature')
}

/** An Ed25519 (`v1a,`) entry in the signature list: the v1a scheme, whatever the prefix. */
export function hasV1a(h: HeaderPair[]): boolean {
  const sig = signatureList(h)
  return sig !== undefined && sig.split(' ').some((e) => e.startsWith('v1a,'))
}

/** Writes fresh id/timestamp/signature under every header prefix the request already uses. */
function signFamily(ctx: SignContext, compute: ComputeSignature): SignResult {
  const notes: string[] = []
  const prefixes = ['svix-', 'webhook-'].filter((p) => hasHeader(ctx.headers, `${p}signature`))
  if (prefixes.length === 0) prefixes.push('webhook-')
  const existing = headerValue(ctx.headers, `${prefixes[0]}id`)
  const id = ctx.newId || !existing ? freshMessageId() : existing
  if (ctx.newId && existing) notes.push(`new message id ${id} (was ${existing})`)
  const ts = String(ctx.nowSec)
  const sig = compute({ body: ctx.body, url: ctx.url, method: ctx.method, id, ts })
  let headers = ctx.headers
  for (const p of prefixes) {
    headers = setHeader(headers, `${p}id`, id)
    headers = setHeader(headers, `${p}timestamp`, ts)
    headers = setHeader(headers, `${p}signature`, `v1,${sig}`)
  }
  return { headers, notes }
}

/** One member of the HMAC family; `detect` decides which id auto-detection names. */
export function familyMember(
  id: string,
  label: string,
  prefer: Brand,
  detect: SchemeDefinition['detect'],
): SchemeDefinition & { verifier: Scheme } {
  return defineHmac({
    id,
    label,
    headers:
      prefer === 'svix'
        ? ['svix-signature', 'webhook-signature']
        : ['webhook-signature', 'svix-signature'],
    signsBody: true,
    tolerance: 300,
    direction: 'both',
    alg: 'sha256',
    encoding: 'base64',
    derivation: 'whsec',
    extract: (h) => extractFamily(h, prefer, 'v1'),
    signed: (f) => [`${f.id}.${f.ts}.`, f.body],
    sign: { timestamped: true, write: signFamily },
    detect,
    family: 'standard-webhooks',
  })
}
