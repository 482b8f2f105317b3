/**
 * The one secret mask, used wherever a secret is shown (the API's masked settings, `hooklens
 * secrets list`, hooklens mcp's redaction, delivery records of token schemes). One rule: a
 * well-known prefix (whsec_, ...) is shown; of the rest, nothing when it is shorter than 16
 * characters, else only its last four. Never enough to reconstruct the secret.
 */

const PREFIXES = /^(whsec_|whpk_|whsk_|pdl_ntfset_|lin_wh_|sk_|https?:\/\/)/

/** The desktop app seals secrets at rest (electron/main/secret-vault.ts) under this tag. */
export const SEALED_SECRET_PREFIX = 'hl-enc:'

/** Masks one secret by the rule above; sealed secrets and key documents say what they are. */
export function maskSecret(secret: string): string {
  const s = secret.trim()
  if (s.startsWith(SEALED_SECRET_PREFIX)) return '**** (encrypted by the desktop app)'
  if (s.startsWith('{') || s.startsWith('-----BEGIN')) return `**** (key, ${s.length} chars)`
  const prefix = PREFIXES.exec(s)?.[0] ?? ''
  // Short secrets show nothing: four characters of an eight-character secret is half of it.
  if (s.length - prefix.length < 16) return `${prefix}****`
  return `${prefix}****${s.slice(-4)}`
}
