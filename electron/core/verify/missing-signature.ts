/**
 * The verdict when a verifier's signature is absent: plain "missing", or — the mistake worth
 * naming — a signature under another scheme's header, and whether it verifies with this secret.
 */
import { detectAll, getScheme } from './registry'
import type { Scheme, VerifierConfig, VerifyContext, VerifyInput } from './types'
import type { Verification } from '../../../shared/event'
import { nameOf, urlFor, verdict } from './verdict'

export async function missing(
  v: VerifierConfig,
  scheme: Scheme,
  input: VerifyInput,
  ctx: VerifyContext,
): Promise<Verification> {
  const expected = scheme.headers.length
    ? `no ${scheme.headers[0]} header`
    : `no ${scheme.label} signature`
  const others = detectAll(input.headers, input.body).filter((id) => id !== scheme.id)
  for (const otherId of others) {
    const other = getScheme(otherId)
    const found =
      input.headers.find(([k]) => other.headers.includes(k.toLowerCase()))?.[0] ??
      `${other.label} signature`
    const verifies = await verifiesAs(other, v, input, ctx)
    const message = verifies
      ? `${expected}; the request is signed as ${otherId} (${found}) and that signature verifies with this verifier's secret`
      : `${expected}; the request carries ${found} (${otherId}) instead`
    return verdict(v, scheme.id, 'missing', message, {
      kind: 'header-other-scheme',
      message,
      details: { expected: scheme.id, found: otherId, header: found, verifies },
    })
  }
  return verdict(
    v,
    scheme.id,
    'missing',
    `${expected} (verifier "${nameOf(v)}" expects ${scheme.label})`,
  )
}

async function verifiesAs(
  other: Scheme,
  v: VerifierConfig,
  input: VerifyInput,
  ctx: VerifyContext,
): Promise<boolean> {
  const ex = other.extract(input.headers, input.body, {})
  if (!ex || 'problem' in ex) return false
  const content = { body: input.body, url: urlFor(v.options ?? {}, input), method: input.method }
  for (const secret of v.secrets) {
    try {
      if ((await other.check(ex, other.key(secret, {}), content, ctx, {})).ok) return true
    } catch {
      // A secret that is not a key for the other scheme simply does not verify.
    }
  }
  return false
}
