/**
 * Saves the token registered with an A2A agent as an `a2a-notification-token` verifier
 * scoped to the task's receiver path, so every notification for that task is checked.
 * Registering the same path again rotates: the new token first, the two before it kept
 * (the agent may still hold an older config for a while).
 */
import { ulid } from 'ulid'
import type { SettingsStore } from '../settings/settings-store'
import type { StoredVerifier } from '../settings/settings-types'

export const A2A_TOKEN_SCHEME = 'a2a-notification-token'

export function saveA2AVerifier(
  settings: Pick<SettingsStore, 'get' | 'update'>,
  opts: { token: string; path: string; name: string },
): StoredVerifier {
  const verifiers = settings.get().verifiers
  const existing = verifiers.find((v) => v.scheme === A2A_TOKEN_SCHEME && v.path === opts.path)
  const verifier: StoredVerifier = existing
    ? {
        ...existing,
        name: opts.name,
        secrets: [opts.token, ...existing.secrets.filter((s) => s !== opts.token)].slice(0, 3),
      }
    : {
        id: ulid(),
        scheme: A2A_TOKEN_SCHEME,
        secrets: [opts.token],
        path: opts.path,
        name: opts.name,
      }
  const next = existing
    ? verifiers.map((v) => (v.id === existing.id ? verifier : v))
    : [...verifiers, verifier]
  settings.update({ verifiers: next })
  return verifier
}
