/**
 * Keeps secrets out of tool results: header values that carry credentials as such (tokens,
 * API keys, cookies) are masked wherever headers are shown, and any configured secret that
 * still appears anywhere in a result's text (a token echoed in a body, a secret passed to
 * send_sample) is replaced by its mask before the result leaves the process.
 */
import { maskSecret } from '../verify/mask'
import { savedVerifiers } from './saved-settings'

/** Headers whose value is a credential, not a signature over the request. */
const CREDENTIAL_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-a2a-notification-token',
  'x-api-key',
  'api-key',
  'x-auth-token',
  'x-access-token',
  'x-webhook-token',
  'x-gitlab-token',
])

export function isCredentialHeader(name: string): boolean {
  return CREDENTIAL_HEADERS.has(name.toLowerCase())
}

/** `Bearer abcd…` keeps its scheme word so the agent still sees what kind of credential came. */
export function maskCredential(value: string): string {
  const m = /^(Bearer|Basic|Token|Digest)\s+(.*)$/i.exec(value)
  return m ? `${m[1]} ${maskSecret(m[2])}` : maskSecret(value)
}

export function maskHeaders(headers: [string, string][]): [string, string][] {
  return headers.map(([k, v]) => [k, isCredentialHeader(k) ? maskCredential(v) : v])
}

/** The secrets configured in a data dir's settings (sealed ones cannot appear in clear). */
export function configuredSecrets(dataDir: string): string[] {
  return savedVerifiers(dataDir).flatMap((v) => v.secrets)
}

/**
 * Replaces every occurrence of a secret in a JSON text by its mask. Secrets shorter than 6
 * characters are left alone: masking them would garble ordinary words.
 */
export function scrubSecrets(json: string, secrets: readonly string[]): string {
  let out = json
  const longestFirst = [...new Set(secrets)]
    .filter((s) => s.length >= 6)
    .sort((a, b) => b.length - a.length)
  for (const secret of longestFirst) {
    // In JSON text a secret appears escaped; masks are plain ASCII and need no escaping.
    const escaped = JSON.stringify(secret).slice(1, -1)
    if (out.includes(escaped)) out = out.split(escaped).join(maskSecret(secret))
  }
  return out
}
