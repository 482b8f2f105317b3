/**
 * Verifies one request against the configured verifiers, as of the time it was received:
 * picks the verifiers whose path applies, runs each one's scheme, and turns the outcome into
 * the event's `verification` (status, one-sentence reason, structured diagnosis).
 */
import type { Verification } from '../../../shared/event'
import { decodeContent } from './content-decoding'
import { diagnose } from './diagnose'
import type { OtherSecret } from './diagnose'
import { requestPath, pathMatches } from './path-glob'
import { detectScheme, getScheme } from './registry'
import { hasOwnPath, missing, notApplicable } from './missing-signature'
import { nameOf, urlFor, verdict } from './verdict'
import type {
  CheckResult,
  Content,
  Extracted,
  KeyMaterial,
  Scheme,
  VerifierConfig,
  VerifyContext,
  VerifyInput,
} from './types'
import { KeyError } from './types'

const RANK: Record<string, number> = { valid: 0, invalid: 1, missing: 2, unverifiable: 3, none: 4 }

/**
 * The verdict over the bytes as sent and, for a compressed body, over the decoded bytes too;
 * the reason says which one the signature matched.
 */
export async function verifyRequest(
  input: VerifyInput,
  verifiers: VerifierConfig[],
  ctx: VerifyContext = {},
): Promise<Verification> {
  const pending = verifyBytes(input, verifiers, ctx)
  // Without an applicable verifier the verdict is known at once: no extra promise and tick
  // per capture for the common case.
  const sent = pending instanceof Promise ? await pending : pending
  const decoded = decodeContent(input.headers, input.body)
  if (!decoded) return sent
  if (sent.status === 'valid') {
    return {
      ...sent,
      reason: `${sent.reason}; over the ${decoded.encoding}-compressed bytes as sent`,
    }
  }
  const inner = await verifyBytes({ ...input, body: decoded.body }, verifiers, ctx)
  if (inner.status === 'valid') {
    return { ...inner, reason: `${inner.reason}; over the ${decoded.encoding}-decoded body` }
  }
  if (sent.status === 'invalid' && inner.status === 'invalid') {
    const reason = `${sent.reason} (checked over the ${decoded.encoding}-compressed bytes and the decoded body)`
    return { ...sent, reason, diagnosis: sent.diagnosis && { ...sent.diagnosis, message: reason } }
  }
  return sent
}

/** The verdict over one set of bytes: synchronous when no verifier applies (only detection). */
function verifyBytes(
  input: VerifyInput,
  verifiers: VerifierConfig[],
  ctx: VerifyContext,
): Verification | Promise<Verification> {
  // No verifier configured (the common case): only detection matters, not the request path.
  const path = verifiers.length > 0 ? requestPath(input.url) : ''
  const applicable = verifiers.length > 0 ? verifiers.filter((v) => pathMatches(v.path, path)) : []
  if (applicable.length === 0) {
    const detected = detectScheme(input.headers, input.body)
    if (detected) {
      return {
        scheme: detected,
        status: 'unverifiable',
        reason: `${label(detected)} present but no secret is configured for it`,
        diagnosis: null,
        verifierId: null,
      }
    }
    const reason = verifiers.length
      ? `no signature, and no verifier applies to ${path}`
      : 'no signature and no verifier configured'
    return { scheme: null, status: 'none', reason, diagnosis: null, verifierId: null }
  }
  return runApplicable(applicable, input, verifiers, ctx)
}

/** The best verdict of the verifiers whose path applies (a valid one stops the search). */
async function runApplicable(
  applicable: VerifierConfig[],
  input: VerifyInput,
  verifiers: VerifierConfig[],
  ctx: VerifyContext,
): Promise<Verification> {
  let best: Verification | null = null
  for (const v of applicable) {
    const result = await runVerifier(v, input, verifiers, ctx)
    if (!best || RANK[result.status] < RANK[best.status]) best = result
    if (result.status === 'valid') break
  }
  return best!
}

function label(id: string): string {
  try {
    const scheme = getScheme(id)
    return scheme.token ? scheme.label : `${scheme.label} signature`
  } catch {
    return id
  }
}

async function runVerifier(
  v: VerifierConfig,
  input: VerifyInput,
  all: VerifierConfig[],
  ctx: VerifyContext,
): Promise<Verification> {
  const options = v.options ?? {}
  const schemeId = v.scheme === 'auto' ? detectScheme(input.headers, input.body) : v.scheme
  if (!schemeId && !hasOwnPath(v)) return notApplicable(v, null)
  if (!schemeId)
    return verdict(
      v,
      null,
      'missing',
      `no signature of any known scheme (verifier "${nameOf(v)}" detects the scheme)`,
    )
  let scheme: Scheme
  try {
    scheme = getScheme(schemeId, options)
  } catch (err) {
    return verdict(
      v,
      schemeId,
      'unverifiable',
      `verifier "${nameOf(v)}" is misconfigured: ${safeMessage(err)}`,
    )
  }
  const ex = scheme.extract(input.headers, input.body, options)
  if (ex === null) return missing(v, scheme, input, ctx)
  if ('problem' in ex)
    return verdict(v, scheme.id, 'invalid', ex.problem, {
      kind: 'malformed',
      message: ex.problem,
      details: { source: scheme.id },
    })

  const keys: { key: KeyMaterial; index: number }[] = []
  let keyProblem: string | null = null
  v.secrets.forEach((secret, index) => {
    try {
      keys.push({ key: cachedKey(scheme, secret, options), index })
    } catch (err) {
      keyProblem ??= safeMessage(err)
    }
  })
  if (keys.length === 0) {
    const why = keyProblem ?? 'no secret is configured'
    return verdict(v, scheme.id, 'unverifiable', `verifier "${nameOf(v)}" cannot verify: ${why}`)
  }

  const content: Content = { body: input.body, url: urlFor(options, input), method: input.method }
  let problem: CheckResult['problem']
  for (const k of keys) {
    let r: CheckResult
    try {
      r = await scheme.check(ex, k.key, content, ctx, options)
    } catch (err) {
      if (!(err instanceof KeyError))
        ctx.logger?.warn?.('signature check failed', { scheme: scheme.id, error: safeMessage(err) })
      return verdict(
        v,
        scheme.id,
        'unverifiable',
        `verifier "${nameOf(v)}" cannot verify: ${safeMessage(err)}`,
      )
    }
    if (r.ok) return timed(v, scheme, ex, input, k.index)
    problem ??= r.problem
  }
  const diagnosis = await diagnose({
    scheme,
    ex,
    keys,
    secrets: v.secrets,
    content,
    options,
    ctx,
    others: otherSecrets(v, all),
    localUrl: input.url,
    publicUrl: input.publicUrl,
    problem,
  })
  return verdict(v, scheme.id, 'invalid', diagnosis.message, diagnosis)
}

function otherSecrets(v: VerifierConfig, all: VerifierConfig[]): OtherSecret[] {
  const out: OtherSecret[] = []
  for (const o of all) {
    if (o === v || o.id === v.id) continue
    o.secrets.forEach((secret, secretIndex) =>
      out.push({ verifier: nameOf(o), verifierId: o.id, secretIndex, secret }),
    )
  }
  return out
}

function seconds(n: number): string {
  const a = Math.abs(n)
  return a < 10 && !Number.isInteger(a) ? a.toFixed(1) : String(Math.round(a))
}

function timed(
  v: VerifierConfig,
  scheme: Scheme,
  ex: Extracted,
  input: VerifyInput,
  index: number,
): Verification {
  const now = input.receivedAt.getTime() / 1000
  const tolerance = v.tolerance ?? scheme.tolerance
  const rotation = v.secrets.length > 1 ? ` (secret ${index + 1} of ${v.secrets.length})` : ''
  const caveat = scheme.caveat ? `; note: ${scheme.caveat}` : ''
  if (ex.expires !== undefined && now > ex.expires) {
    const message = `the JWT expired ${seconds(now - ex.expires)} s before the request was received`
    return verdict(v, scheme.id, 'invalid', message, {
      kind: 'timestamp',
      message,
      details: {
        direction: 'past',
        expired: true,
        skewSeconds: Math.round(now - ex.expires),
        signatureValid: true,
      },
    })
  }
  if (ex.timestamp !== undefined && tolerance !== undefined && tolerance > 0) {
    const age = now - ex.timestamp
    const future = -age
    const stale = age > tolerance
    const early = (scheme.direction ?? 'both') === 'both' && future > tolerance
    if (early && Math.abs(now - ex.timestamp / 1000) <= tolerance) {
      const message = `timestamp is in milliseconds, but ${scheme.label} expects seconds`
      return verdict(v, scheme.id, 'invalid', message, {
        kind: 'timestamp',
        message,
        details: { unit: 'milliseconds', toleranceSeconds: tolerance, signatureValid: true },
      })
    }
    if (stale || early) {
      const message = stale
        ? `timestamp ${seconds(age)} s old (tolerance ${tolerance} s)`
        : `timestamp ${seconds(future)} s in the future (tolerance ${tolerance} s)`
      return verdict(v, scheme.id, 'invalid', message, {
        kind: 'timestamp',
        message,
        details: {
          direction: stale ? 'past' : 'future',
          skewSeconds: Math.round(stale ? age : future),
          toleranceSeconds: tolerance,
          exceededBySeconds: Math.round((stale ? age : future) - tolerance),
          signatureValid: true,
        },
      })
    }
  }
  const what = scheme.token ? `${scheme.label} matches` : `${scheme.label} signature verified with`
  return verdict(v, scheme.id, 'valid', `${what} verifier "${nameOf(v)}"${rotation}${caveat}`)
}

/** Error text safe to show: our own KeyError messages never include the secret; others might. */
function safeMessage(err: unknown): string {
  return err instanceof KeyError ? err.message : 'internal error while checking the signature'
}

const keyCache = new Map<string, KeyMaterial>()

/** Keys derived once per secret: parsing a JWKS or a public key costs more than the check. */
function cachedKey(scheme: Scheme, secret: string, options: Record<string, unknown>): KeyMaterial {
  const id = `${scheme.id}\u0000${scheme.id === 'hmac' ? JSON.stringify(options) : ''}\u0000${secret}`
  let key = keyCache.get(id)
  if (key === undefined) {
    key = scheme.key(secret, options)
    if (keyCache.size >= 512) keyCache.clear()
    keyCache.set(id, key)
  }
  return key
}
