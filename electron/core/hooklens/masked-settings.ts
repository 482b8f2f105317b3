/** Settings as they may leave the core: every secret replaced by a mask that shows its shape. */
import type { Settings } from '../settings/settings-types'

export function maskSecretValue(secret: string): string {
  if (secret.length <= 8) return '••••'
  const prefix = secret.startsWith('whsec_') ? 'whsec_' : ''
  return `${prefix}••••${secret.slice(-4)}`
}

export function maskedSettings(s: Settings): Settings {
  return {
    ...s,
    verifiers: s.verifiers.map((v) => ({ ...v, secrets: v.secrets.map(maskSecretValue) })),
  }
}
