/**
 * Settings as they may leave the core (the API's getSettings, verifier lists): every secret
 * replaced by its mask, with the one rule the CLI and hooklens mcp use too (verify/mask.ts).
 */
import type { Settings } from '../settings/settings-types'
import { maskSecret } from '../verify/mask'

/** The API's name for the one mask (kept for its callers). */
export const maskSecretValue = maskSecret

export function maskedSettings(s: Settings): Settings {
  return {
    ...s,
    verifiers: s.verifiers.map((v) => ({ ...v, secrets: v.secrets.map(maskSecret) })),
  }
}
