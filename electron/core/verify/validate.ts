/**
 * Checks a verifier configuration before it is saved: a known scheme, usable options, and
 * secrets the scheme can turn into keys. Messages never include a secret.
 */
import { getScheme, isSchemeId } from './registry'
import type { VerifierConfig } from './types'
import { KeyError } from './types'

export function validateVerifier(
  v: Pick<VerifierConfig, 'scheme' | 'secrets' | 'options' | 'tolerance' | 'path'>,
): string[] {
  const problems: string[] = []
  if (v.scheme !== 'auto' && !isSchemeId(v.scheme)) return [`unknown scheme "${v.scheme}"`]
  if (v.tolerance !== undefined && (!Number.isFinite(v.tolerance) || v.tolerance < 0)) {
    problems.push('tolerance must be a number of seconds, 0 or more')
  }
  if (v.path !== undefined && !v.path.startsWith('/')) problems.push('path must start with /')
  if (v.scheme === 'auto') return problems
  let scheme
  try {
    scheme = getScheme(v.scheme, v.options ?? {})
  } catch (err) {
    return [...problems, err instanceof KeyError ? err.message : 'invalid scheme options']
  }
  v.secrets.forEach((secret, i) => {
    if (secret.length === 0) problems.push(`secret ${i + 1} is empty`)
    try {
      scheme.key(secret, v.options ?? {})
    } catch (err) {
      problems.push(`secret ${i + 1}: ${err instanceof KeyError ? err.message : 'not usable'}`)
    }
  })
  return problems
}

/**
 * Verifiers for one session from `hooklens listen --secret SCHEME=SECRET` (repeatable). Several
 * secrets for one scheme become one verifier (key rotation). Problems never quote a secret.
 */
export function verifiersFromFlags(flags: string[]): {
  verifiers: VerifierConfig[]
  problems: string[]
} {
  const byScheme = new Map<string, string[]>()
  const problems: string[] = []
  for (const [i, flag] of flags.entries()) {
    const eq = flag.indexOf('=')
    if (eq <= 0 || eq === flag.length - 1) {
      problems.push(`--secret #${i + 1} must be SCHEME=SECRET`)
      continue
    }
    const scheme = flag.slice(0, eq).trim()
    byScheme.set(scheme, [...(byScheme.get(scheme) ?? []), flag.slice(eq + 1)])
  }
  const verifiers: VerifierConfig[] = []
  for (const [scheme, secrets] of byScheme) {
    const v: VerifierConfig = {
      id: `session-${scheme}`,
      name: `--secret ${scheme}`,
      scheme,
      secrets,
    }
    const found = validateVerifier(v)
    if (found.length) problems.push(...found.map((p) => `--secret ${scheme}: ${p}`))
    else verifiers.push(v)
  }
  return { verifiers, problems }
}
