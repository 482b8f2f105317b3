/**
 * The verdict when a verifier's signature is absent: plain "missing", or — the mistake worth
 * naming — a signature under another scheme's header, and whether it verifies with this secret.
 * A verifier that applies to every path only calls an unsigned request "missing" when something
 * marks the request as that scheme's: a GET /health or a form post is not a Stripe event that
 * lost its signature, and blaming the Stripe verifier for it sends the user the wrong way.
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
  if (!hasOwnPath(v) && !schemeHinted(scheme, input.headers)) return notApplicable(v, scheme.id)
  return verdict(
    v,
    scheme.id,
    'missing',
    `${expected} (verifier "${nameOf(v)}" expects ${scheme.label})`,
  )
}

/** A path of its own: the user said requests there are signed. */
export function hasOwnPath(v: VerifierConfig): boolean {
  const p = v.path
  return Boolean(p) && p !== '*' && p !== '**' && p !== '/**'
}

/** The unsigned request's verdict when an every-path verifier does not really apply to it. */
export function notApplicable(v: VerifierConfig, schemeId: string | null): Verification {
  const what = schemeId ?? 'a signature'
  return {
    scheme: null,
    status: 'none',
    reason: `no signature, and nothing marks this request as ${what} (verifier "${nameOf(v)}" has no path of its own)`,
    diagnosis: null,
    verifierId: null,
  }
}

/** Header families that mark a request as sent by a scheme's platform, beyond its own headers. */
const EXTRA_HINTS: Record<string, string[]> = {
  github: ['x-github-'],
  'github-sha1': ['x-github-'],
  svix: ['svix-'],
  'standard-webhooks': ['webhook-id', 'webhook-timestamp', 'svix-'],
}

/** Does anything in the headers say the request comes from this scheme's sender? */
export function schemeHinted(scheme: Scheme, headers: [string, string][]): boolean {
  const prefixes = new Set(EXTRA_HINTS[scheme.id] ?? [])
  for (const h of scheme.headers) {
    if (h === 'authorization') continue
    const m = /^(x-[a-z0-9]+-|[a-z0-9]+-)/.exec(h)
    prefixes.add(m && m[1] !== 'x-webhook-' ? m[1] : h)
  }
  const vendor = scheme.id.split('-')[0]
  for (const [name, value] of headers) {
    const n = name.toLowerCase()
    for (const p of prefixes) if (n.startsWith(p)) return true
    if (n === 'user-agent' && vendor.length > 3 && value.toLowerCase().includes(vendor)) return true
  }
  return false
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
