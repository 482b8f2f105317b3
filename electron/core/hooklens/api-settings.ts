/**
 * API methods over settings and verifiers. Secrets go in and never come out: every answer is
 * masked, and the session's `--secret` verifiers are shown (masked) beside the saved ones.
 */
import { randomUUID } from 'node:crypto'
import type { ApiHandlers, ApiSettings } from '../../../shared/api'
import type { SettingsStore } from '../settings/settings-store'
import type { Settings, StoredVerifier } from '../settings/settings-types'
import { ApiError } from '../../../shared/api-error'
import { listSchemes } from '../verify/scheme-info'
import { maskedSettings, maskSecretValue } from './masked-settings'

export interface SettingsParts {
  settings: Pick<SettingsStore, 'get' | 'update'>
  /** This process's `--secret` verifiers: read-only, they live as long as the process. */
  sessionVerifiers: StoredVerifier[]
  /** Re-verifies stored events when the verifiers really changed. */
  verifiersChanged: () => void
}

export function settingsApi({
  settings,
  sessionVerifiers,
  verifiersChanged,
}: SettingsParts): ApiHandlers<
  'getSettings' | 'updateSettings' | 'addVerifier' | 'removeVerifier' | 'listSchemes'
> {
  // Verdicts cite the session's verifiers, so the inspector must be able to show them.
  const withSession = (s: Settings): ApiSettings => ({
    ...s,
    sessionVerifiers: sessionVerifiers.map((v) => ({
      ...v,
      secrets: v.secrets.map(maskSecretValue),
    })),
  })
  return {
    getSettings: async () => withSession(maskedSettings(settings.get())),
    updateSettings: async ({ patch }) => {
      // Verifiers carry secrets and have their own methods; a masked copy must not overwrite them.
      const { verifiers: _ignored, ...rest } = (patch ?? {}) as Partial<Settings>
      try {
        return withSession(maskedSettings(settings.update(rest)))
      } catch (err) {
        throw new ApiError((err as Error).message)
      }
    },
    addVerifier: async (arg) => {
      if (!arg.scheme || !Array.isArray(arg.secrets) || arg.secrets.length === 0) {
        throw new ApiError('a verifier needs a scheme and at least one secret')
      }
      const verifier = { id: `v_${randomUUID().slice(0, 8)}`, ...arg }
      settings.update({ verifiers: [...settings.get().verifiers, verifier] })
      verifiersChanged()
      // Validation may drop it; the caller then sees null rather than a verifier that is not there.
      return maskedSettings(settings.get()).verifiers.find((v) => v.id === verifier.id) ?? null
    },
    removeVerifier: async ({ id }) => {
      const before = settings.get().verifiers
      const after = before.filter((v) => v.id !== id)
      if (after.length !== before.length) {
        settings.update({ verifiers: after })
        verifiersChanged()
      }
      return { removed: after.length !== before.length }
    },
    listSchemes: async () => listSchemes(),
  }
}
