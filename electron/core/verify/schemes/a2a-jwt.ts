/**
 * A2A push notifications signed as a JWT (`Authorization: Bearer <jwt>`), per the A2A sample:
 * RS256 (or PS/ES/EdDSA) with the key picked by kid from a JWKS given inline or by URL, claims
 * `iat` (300 s) and `request_body_sha256` = sha256 of the body's compact JSON re-serialisation.
 */
import { constants, verify as cryptoVerify, KeyObject } from 'node:crypto'
import { headerValue } from '../../../../shared/headers'
import { safeEqual, sha256Hex } from '../crypto'
import { parseJson, writeJson } from '../json-text'
import { parseInlineKeys, pickKey } from '../jwks'
import type { SchemeDefinition } from '../scheme-definition'
import { whenHeader } from '../scheme-definition'
import type { CheckResult, Content, Extracted, JwtKeySource, Scheme, VerifyContext } from '../types'
import { KeyError } from '../types'

const JWT = /^Bearer\s+([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]*)$/

function decodePart(s: string): Record<string, unknown> | null {
  try {
    const v = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'))
    return v && typeof v === 'object' ? v : null
  } catch {
    return null
  }
}

/** The hashes a sender could have meant by "compact JSON of the body" (Python and JS differ on floats). */
export function bodyHashes(body: Buffer): string[] {
  const text = body.toString('utf8')
  const out = new Set<string>()
  const node = parseJson(text)
  if (node) out.add(sha256Hex(writeJson(node)))
  try {
    out.add(sha256Hex(JSON.stringify(JSON.parse(text))))
  } catch {
    // Not JSON: only the raw bytes can match.
  }
  out.add(sha256Hex(body))
  return [...out]
}

function verifyJws(alg: string, input: Buffer, key: KeyObject, sig: Buffer): boolean {
  try {
    const hash = /^(?:RS|PS|ES)(256|384|512)$/.exec(alg)
    if (alg === 'EdDSA') return cryptoVerify(null, input, key, sig)
    if (!hash) return false
    const digest = `sha${hash[1]}`
    if (alg.startsWith('RS')) return cryptoVerify(digest, input, key, sig)
    if (alg.startsWith('PS'))
      return cryptoVerify(
        digest,
        input,
        { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: Number(hash[1]) / 8 },
        sig,
      )
    return cryptoVerify(digest, input, { key, dsaEncoding: 'ieee-p1363' }, sig)
  } catch {
    return false
  }
}

async function resolveKey(
  src: JwtKeySource,
  kid: string | undefined,
  ctx: VerifyContext,
): Promise<KeyObject | null> {
  if (src.keys) return pickKey(src.keys, kid)
  if (!ctx.jwks) throw new KeyError('a JWKS URL is configured but no JWKS fetcher is available')
  return ctx.jwks.getKey(src.url!, kid)
}

async function check(
  ex: Extracted,
  key: unknown,
  c: Content,
  ctx: VerifyContext,
): Promise<CheckResult> {
  const src = key as JwtKeySource
  if (!src || src.kind !== 'jwks') return { ok: false }
  const head = ex.data!.header as Record<string, unknown>
  const kid = typeof head.kid === 'string' ? head.kid : undefined
  const pub = await resolveKey(src, kid, ctx)
  if (!pub) {
    return {
      ok: false,
      problem: {
        kind: 'unknown-key',
        message: `no key with kid "${kid ?? ''}" in the key set`,
        details: { kid },
      },
    }
  }
  const [h, p, s] = String(ex.data!.jwt).split('.')
  if (!verifyJws(String(head.alg), Buffer.from(`${h}.${p}`), pub, Buffer.from(s, 'base64url')))
    return { ok: false }
  const claim = (ex.data!.payload as Record<string, unknown>).request_body_sha256
  if (typeof claim !== 'string') {
    return {
      ok: false,
      problem: {
        kind: 'claims',
        message: 'the JWT is signed correctly but has no request_body_sha256 claim',
      },
    }
  }
  const match = bodyHashes(c.body).some((hash) => safeEqual(hash, claim.toLowerCase()))
  if (!match) {
    return {
      ok: false,
      problem: {
        kind: 'body-altered',
        message: 'the JWT is signed correctly but its request_body_sha256 does not match the body',
        details: { transformation: 'request-body-sha256' },
      },
    }
  }
  return { ok: true }
}

const verifier: Scheme = {
  id: 'a2a-jwt',
  label: 'A2A JWT',
  headers: [],
  signsBody: true,
  tolerance: 300,
  direction: 'past',
  keyDescription: "the agent's JWKS",
  extract: (h) => {
    const auth = headerValue(h, 'Authorization')
    if (auth === undefined) return null
    const m = JWT.exec(auth.trim())
    if (!m)
      return /^Bearer\s/i.test(auth)
        ? { problem: 'the Authorization bearer token is not a JWT' }
        : null
    const head = decodePart(m[1])
    const payload = decodePart(m[2])
    if (!head || !payload)
      return { problem: 'the Authorization bearer token is not a readable JWT' }
    if (head.alg === 'none' || typeof head.alg !== 'string')
      return { problem: 'the JWT is not signed (alg none)' }
    if (typeof payload.iat !== 'number') return { problem: 'the JWT has no iat claim' }
    return {
      signatures: [m[3]],
      timestamp: payload.iat,
      expires: typeof payload.exp === 'number' ? payload.exp : undefined,
      source: 'Authorization',
      data: { header: head, payload, jwt: `${m[1]}.${m[2]}.${m[3]}` },
    }
  },
  key: (secret) => {
    const s = secret.trim()
    if (/^https?:\/\//i.test(s)) return { kind: 'jwks', url: s }
    return { kind: 'jwks', keys: parseInlineKeys(s) }
  },
  check: (ex, key, c, ctx) => check(ex, key, c, ctx),
}

/** True when the Authorization header holds a bearer JWT (for detection). */
function isBearerJwt(value: string | undefined): boolean {
  return value !== undefined && JWT.test(value.trim())
}

export const a2aJwt: SchemeDefinition = {
  id: verifier.id,
  verifier,
  signing: { unsignable: 'the JWT is signed with the agent’s private key' },
  detect: whenHeader(['authorization'], (h) => isBearerJwt(headerValue(h, 'authorization'))),
}
