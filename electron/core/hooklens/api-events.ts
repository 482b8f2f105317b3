/**
 * API methods over captured events and settings: status, list/get, decoded bodies, clear,
 * pause, settings and verifiers. Other areas (replay, tunnel, diff, export) add their own
 * api-*.ts modules; `createApi` joins them.
 */
import { randomUUID } from 'node:crypto'
import { headerValue } from '../../../shared/event'
import { decodeBodyView } from '../receiver/decoded-body'
import type { ApiSettings } from '../../../shared/api'
import type { Settings } from '../settings/settings-types'
import type { Hooklens } from './hooklens'
import { ApiError, type PartialApiImpl } from './api-types'
import { maskedSettings, maskSecretValue } from './masked-settings'
import { filterEvents } from './event-query'

/**
 * The session's `--secret` verifiers (masked) beside the saved ones: verdicts cite them, so the
 * inspector must be able to show them. Read-only: they live as long as the process.
 */
function withSession(h: Hooklens, s: Settings): ApiSettings {
  const session = (h.opts.sessionVerifiers ?? []).map((v) => ({
    ...v,
    secrets: v.secrets.map(maskSecretValue),
  }))
  return { ...s, sessionVerifiers: session }
}

export function eventsApi(h: Hooklens): PartialApiImpl {
  return {
    getStatus: async () => h.status(),
    listEvents: async (query) => filterEvents(h, query ?? {}),
    getEvent: async ({ id }) => h.store.getFull(id),
    getDecodedBody: async ({ id }) => {
      const event = h.store.get(id)
      if (!event) return null
      const body = await h.store.readBody(id)
      return body ? decodeBodyView(body, headerValue(event.headers, 'content-encoding')) : null
    },
    clearEvents: async () => {
      const cleared = await h.store.clear()
      h.analyzers.clearIdempotency()
      h.emitPush({ type: 'eventsCleared', payload: { cleared } })
      return { cleared }
    },
    setCapturePaused: async ({ paused }) => {
      h.paused = Boolean(paused)
      h.emitPush({ type: 'statusChanged', payload: h.status() })
      return { paused: h.paused }
    },
    getSettings: async () => withSession(h, maskedSettings(h.settings.get())),
    updateSettings: async ({ patch }) => {
      // Verifiers carry secrets and have their own methods; a masked copy must not overwrite them.
      const { verifiers: _ignored, ...rest } = (patch ?? {}) as Partial<Settings>
      try {
        return withSession(h, maskedSettings(h.settings.update(rest)))
      } catch (err) {
        throw new ApiError((err as Error).message)
      }
    },
    addVerifier: async (arg) => {
      if (!arg.scheme || !Array.isArray(arg.secrets) || arg.secrets.length === 0) {
        throw new ApiError('a verifier needs a scheme and at least one secret')
      }
      const verifier = { id: `v_${randomUUID().slice(0, 8)}`, ...arg }
      h.settings.update({ verifiers: [...h.settings.get().verifiers, verifier] })
      h.reverifier.verifiersMaybeChanged()
      // Validation may drop it; the caller then sees null rather than a verifier that is not there.
      return maskedSettings(h.settings.get()).verifiers.find((v) => v.id === verifier.id) ?? null
    },
    removeVerifier: async ({ id }) => {
      const before = h.settings.get().verifiers
      const after = before.filter((v) => v.id !== id)
      if (after.length !== before.length) {
        h.settings.update({ verifiers: after })
        h.reverifier.verifiersMaybeChanged()
      }
      return { removed: after.length !== before.length }
    },
  }
}
