/**
 * Standard Webhooks and the providers that deliver through Svix (svix, clerk, resend):
 * `{id}.{timestamp}.{body}`, HMAC-SHA256 with the base64-decoded whsec_ key, a space-separated
 * `v1,<b64>` list; and the spec-only Ed25519 variant `v1a` with a whpk_ public key.
 */
import { createPublicKey, verify as edVerify, KeyObject } from 'node:crypto'
import type { HeaderPair } from '../../../../shared/event'
import { decodeBase64, header, parseUnix } from '../crypto'
import type { Extracted, ExtractProblem, Scheme } from '../types'
import { KeyError } from '../types'
import { hmacScheme } from './hmac-scheme'

type Brand = 'webhook' | 'svix'

function extract(
  headers: HeaderPair[],
  prefer: Brand,
  version: 'v1' | 'v1a',
): Extracted | ExtractProblem | null {
  const brands: Brand[] = prefer === 'svix' ? ['svix', 'webhook'] : ['webhook', 'svix']
  const brand = brands.find((b) => header(headers, `${b}-signature`) !== undefined)
  if (!brand) return null
  const sigHeader = `${brand}-signature`
  const id = header(headers, `${brand}-id`)
  const ts = header(headers, `${brand}-timestamp`)
  if (id === undefined)
    return { problem: `${brand}-id header missing (it is part of the signed content)` }
  if (ts === undefined)
    return { problem: `${brand}-timestamp header missing (it is part of the signed content)` }
  const timestamp = parseUnix(ts)
  if (timestamp === null) return { problem: `${brand}-timestamp is not a Unix timestamp` }
  const entries = (header(headers, sigHeader) ?? '').split(' ').filter(Boolean)
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

function hmacFamily(id: string, label: string, prefer: Brand): Scheme {
  const headers =
    prefer === 'svix'
      ? ['svix-signature', 'webhook-signature']
      : ['webhook-signature', 'svix-signature']
  return hmacScheme({
    id,
    label,
    headers,
    signsBody: true,
    tolerance: 300,
    direction: 'both',
    alg: 'sha256',
    encoding: 'base64',
    derivation: 'whsec',
    extract: (h) => extract(h, prefer, 'v1'),
    content: (ex, c) => [`${ex.data?.id}.${ex.data?.ts}.`, c.body],
  })
}

export const standardWebhooks = hmacFamily('standard-webhooks', 'Standard Webhooks', 'webhook')
export const svix = hmacFamily('svix', 'Svix', 'svix')
export const clerk = hmacFamily('clerk', 'Clerk (Svix)', 'svix')
export const resend = hmacFamily('resend', 'Resend (Svix)', 'svix')

/** whpk_ + base64 of the raw 32-byte Ed25519 public key (the spec leaves the layout open). */
export function ed25519Key(raw: Buffer | null): KeyObject {
  if (!raw || raw.length !== 32) throw new KeyError('the public key is not 32 bytes of Ed25519 key')
  return createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') },
    format: 'jwk',
  })
}

export const standardWebhooksV1a: Scheme = {
  id: 'standard-webhooks-v1a',
  label: 'Standard Webhooks (Ed25519)',
  headers: ['webhook-signature', 'svix-signature'],
  signsBody: true,
  tolerance: 300,
  direction: 'both',
  keyDescription: 'the whpk_ public key',
  extract: (h) => extract(h, 'webhook', 'v1a'),
  key: (secret) => ed25519Key(decodeBase64(secret.replace(/^whpk_/, ''))),
  check: (ex, key, c) => {
    if (!(key instanceof KeyObject)) return { ok: false }
    const msg = Buffer.concat([Buffer.from(`${ex.data?.id}.${ex.data?.ts}.`), c.body])
    let ok = false
    for (const s of ex.signatures) {
      const sig = decodeBase64(s)
      if (sig && sig.length === 64 && edVerify(null, msg, key, sig)) ok = true
    }
    return { ok }
  },
}
