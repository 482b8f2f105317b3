/**
 * What one Hooklens process works with: the saved settings with this session's overrides
 * (CLI --max-body, --respond*, timeouts) applied, and the verifiers it can actually use —
 * the session's `--secret` ones first, saved ones without secrets this process cannot open.
 */
import { SEALED_SECRET_PREFIX } from '../verify'
import type { Settings, StoredVerifier } from '../settings/settings-types'

/** Session overrides of the saved settings (CLI flags); absent means "as saved". */
export interface SessionOverrides {
  maxBodyBytes?: number
  headersTimeoutSec?: number
  bodyTimeoutSec?: number
  respond?: { status?: number; body?: string; delayMs?: number; headers?: [string, string][] }
}

/** Saved settings with the session's overrides applied. */
export function withSessionOverrides(s: Settings, o: SessionOverrides): Settings {
  const r = o.respond
  return {
    ...s,
    receiver: {
      ...s.receiver,
      ...(o.maxBodyBytes ? { maxBodyBytes: o.maxBodyBytes } : {}),
      ...(o.headersTimeoutSec !== undefined ? { headersTimeoutSec: o.headersTimeoutSec } : {}),
      ...(o.bodyTimeoutSec !== undefined ? { bodyTimeoutSec: o.bodyTimeoutSec } : {}),
    },
    defaultResponse: {
      ...s.defaultResponse,
      ...(r?.status !== undefined ? { status: r.status } : {}),
      ...(r?.body !== undefined ? { body: r.body, contentType: guessType(r.body) } : {}),
      ...(r?.delayMs !== undefined ? { delayMs: r.delayMs } : {}),
      ...(r?.headers?.length ? { headers: r.headers } : {}),
    },
  }
}

/**
 * Session verifiers first, then saved ones. Secrets still sealed by the desktop app (the
 * keychain could not open them here) are left out: trying them would only say "wrong secret".
 * Each such verifier is reported once per process through `warn`.
 */
export function usableVerifiers(warn: (message: string) => void) {
  const warned = new Set<string>()
  return (session: StoredVerifier[], saved: StoredVerifier[]): StoredVerifier[] =>
    [...session, ...saved].flatMap((v) => {
      const secrets = v.secrets.filter((s) => !s.startsWith(SEALED_SECRET_PREFIX))
      if (secrets.length === v.secrets.length) return [v]
      if (!warned.has(v.id)) {
        warned.add(v.id)
        warn(
          `verifier ${v.name ?? v.id}: secrets encrypted by the Hooklens desktop app cannot be opened here; re-add them with \`hooklens secrets add\``,
        )
      }
      return secrets.length > 0 ? [{ ...v, secrets }] : []
    })
}

function guessType(body: string): string {
  const t = body.trim()
  return t.startsWith('{') || t.startsWith('[') ? 'application/json' : 'text/plain'
}
