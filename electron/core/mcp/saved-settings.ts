/**
 * The saved verifiers of a data dir, read without side effects: `hooklens mcp` reads
 * settings.json on every call (to scrub secrets, to re-sign a replay) while another process
 * owns it, so it must never write, migrate or move the file aside as opening the settings
 * store may. Unreadable or half-written means "none" for this call.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { StoredVerifier } from '../settings/settings-types'
import { validateSettings } from '../settings/validate-settings'
import { SEALED_SECRET_PREFIX } from '../verify/mask'

/** Verifiers with the secrets usable here (the desktop's sealed ones left out). */
export function savedVerifiers(dataDir: string): StoredVerifier[] {
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8'))
  } catch {
    return []
  }
  return validateSettings(raw).settings.verifiers.flatMap((v) => {
    const secrets = v.secrets.filter((s) => !s.startsWith(SEALED_SECRET_PREFIX))
    return secrets.length > 0 ? [{ ...v, secrets }] : []
  })
}
