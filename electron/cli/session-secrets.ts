/**
 * `listen --secret SCHEME=SECRET` and `--secret-env SCHEME=VAR` (the secret read from the
 * environment, so it never shows in `ps` or shell history) turned into session verifiers.
 * Messages name the flag and the scheme, never the secret.
 */
import type { StoredVerifier } from '../core/settings/settings-types'
import { verifiersFromFlags } from '../core/verify'
import { UsageError } from './errors'

export function sessionVerifiers(
  secretFlags: string[],
  envFlags: string[],
  env: NodeJS.ProcessEnv = process.env,
): StoredVerifier[] {
  const pairs = [
    ...secretFlags.map((flag) => splitPair('--secret', flag, 'SECRET')),
    ...envFlags.map((flag) => {
      const { scheme, value: name } = splitPair('--secret-env', flag, 'VAR')
      const secret = env[name]
      if (secret === undefined) {
        throw new UsageError(`--secret-env ${scheme}=${name}: the variable ${name} is not set`)
      }
      if (secret === '') throw new UsageError(`--secret-env ${scheme}=${name}: ${name} is empty`)
      return { scheme, value: secret }
    }),
  ]
  const { verifiers, problems } = verifiersFromFlags(pairs.map((p) => `${p.scheme}=${p.value}`))
  if (problems.length > 0) {
    const hint = problems.some((p) => p.includes('unknown scheme'))
      ? ' (see `hooklens schemes`)'
      : ''
    throw new UsageError(problems.join('; ') + hint)
  }
  return verifiers
}

function splitPair(flag: string, text: string, what: string): { scheme: string; value: string } {
  const at = text.indexOf('=')
  const scheme = at > 0 ? text.slice(0, at).trim() : ''
  if (!scheme) {
    throw new UsageError(
      `${flag} takes SCHEME=${what}, e.g. ${flag} github=${what === 'VAR' ? 'GITHUB_WEBHOOK_SECRET' : '…'} (see \`hooklens schemes\`)`,
    )
  }
  const value = text.slice(at + 1)
  if (value === '') {
    throw new UsageError(
      flag === '--secret'
        ? `--secret ${scheme}= has an empty secret (an unset shell variable?); pass the secret, or use --secret-env ${scheme}=VAR`
        : `--secret-env ${scheme}= names no variable`,
    )
  }
  return { scheme, value }
}
