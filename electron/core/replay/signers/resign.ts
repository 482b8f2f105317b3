/**
 * Re-signing a replayed request: work out which scheme signed it (the captured verdict, else
 * the headers, in the catalog's detection order), find a secret for it (a `--secret` override,
 * else a configured verifier), and let that scheme's signer write fresh headers.
 */
import type { HeaderPair } from '../../../../shared/event'
import { detectScheme as detectVerifiedScheme, SEALED_SECRET_PREFIX } from '../../verify'
import { KeyError } from '../../verify/types'
import { FAMILIES, SIGNERS, UNSIGNABLE } from './schemes'
import type { SignResult, VerifierLike } from './types'

/** Detection is the verifier's (CATALOG.md "Recommended detection order"), so both agree. */
export function detectScheme(headers: HeaderPair[], body?: Buffer): string | null {
  return detectVerifiedScheme(headers, body)
}

export interface SecretSources {
  /** `--secret SCHEME=SECRET` values, by scheme. */
  overrides?: Record<string, string>
  /** Verifiers from settings. */
  verifiers?: VerifierLike[]
  /** The verifier that judged the captured event, tried first. */
  verifierId?: string | null
  /**
   * The verifier whose secret verified the captured event ('valid'). Only then is an `auto`
   * verifier's secret known to belong to the event's scheme (issue 12.9).
   */
  validVerifierId?: string | null
}

export interface FoundSecret {
  secret: string
  options?: Record<string, unknown>
  /** Where it came from, for notes ("--secret", "verifier 'prod stripe'"); never the secret. */
  from: string
}

export function findSecret(scheme: string, sources: SecretSources): FoundSecret | null {
  const family = FAMILIES.find((f) => f.includes(scheme)) ?? [scheme]
  for (const s of [scheme, ...family]) {
    const v = sources.overrides?.[s]
    if (v) return { secret: v, from: '--secret' }
  }
  const verifiers = sources.verifiers ?? []
  const byId = sources.verifierId ? verifiers.find((v) => v.id === sources.verifierId) : undefined
  const ordered = [
    ...(byId ? [byId] : []),
    ...verifiers.filter((v) => v.scheme === scheme),
    ...verifiers.filter((v) => family.includes(v.scheme)),
    // An 'auto' verifier detects the scheme; its secret is this scheme's only if it verified
    // this very event — otherwise it may be another platform's secret.
    ...verifiers.filter((v) => v.scheme === 'auto' && v.id === sources.validVerifierId),
  ]
  for (const v of ordered) {
    const provenAuto = v.scheme === 'auto' && v.id === sources.validVerifierId
    if (!(family.includes(v.scheme) || provenAuto)) continue
    // Rotation lists the newest secret first; a replay signs with that one. Secrets the
    // desktop app sealed with the OS keychain cannot sign outside it.
    const secret = (v.secrets ?? []).find((x) => !x.startsWith(SEALED_SECRET_PREFIX))
    if (secret) return { secret, options: v.options, from: `verifier '${v.name ?? v.id}'` }
  }
  return null
}

/** Whether a matching verifier holds only secrets sealed by the desktop app. */
function onlySealed(scheme: string, sources: SecretSources): boolean {
  const family = FAMILIES.find((f) => f.includes(scheme)) ?? [scheme]
  return (sources.verifiers ?? []).some(
    (v) =>
      (family.includes(v.scheme) || (v.scheme === 'auto' && v.id === sources.validVerifierId)) &&
      v.secrets.some((x) => x.startsWith(SEALED_SECRET_PREFIX)),
  )
}

/** Why no secret was found, in one sentence. */
function noSecretReason(scheme: string, sources: SecretSources): string {
  if (onlySealed(scheme, sources))
    return `not re-signed: the saved ${scheme} secret is encrypted by the desktop app and cannot be read here (pass --secret ${scheme}=…)`
  const auto = (sources.verifiers ?? []).find((v) => v.scheme === 'auto')
  if (auto)
    return `not re-signed: no ${scheme} secret is configured — verifier '${auto.name ?? auto.id}' detects the scheme but did not verify this event, so its secret is not known to be a ${scheme} secret (add a ${scheme} verifier or pass --secret ${scheme}=…)`
  return `not re-signed: no ${scheme} secret is configured (add a verifier or pass --secret ${scheme}=…)`
}

export interface ResignInput {
  method: string
  headers: HeaderPair[]
  body: Buffer
  /** The scheme that verified the capture, when known; else detected from headers. */
  scheme?: string | null
  sources: SecretSources
  nowSec: number
  newId: boolean
  url: string
}

export interface ResignOutput {
  headers: HeaderPair[]
  scheme: string | null
  signed: boolean
  notes: string[]
  /** Headers that now carry the secret itself (token schemes): mask them in any record. */
  secretHeaders: string[]
}

export function resign(input: ResignInput): ResignOutput {
  const scheme = input.scheme ?? detectScheme(input.headers, input.body)
  if (!scheme) {
    return {
      headers: input.headers,
      scheme: null,
      signed: false,
      secretHeaders: [],
      notes: ['no signature scheme recognised in the captured headers: sent without re-signing'],
    }
  }
  const signer = SIGNERS.get(scheme)
  if (!signer) {
    const why = UNSIGNABLE[scheme] ?? `re-signing ${scheme} is not supported`
    return {
      headers: input.headers,
      scheme,
      signed: false,
      secretHeaders: [],
      notes: [`not re-signed: ${why}`],
    }
  }
  const found = findSecret(scheme, input.sources)
  if (!found) {
    return {
      headers: input.headers,
      scheme,
      signed: false,
      secretHeaders: [],
      notes: [noSecretReason(scheme, input.sources)],
    }
  }
  let result: SignResult
  try {
    result = signer.sign({
      method: input.method,
      headers: input.headers,
      body: input.body,
      secret: found.secret,
      nowSec: input.nowSec,
      newId: input.newId,
      url: input.url,
      options: found.options,
    })
  } catch (e) {
    // The verifier's key derivation refused the secret (e.g. not base64 after whsec_): the
    // message says why and never holds the secret.
    if (!(e instanceof KeyError)) throw e
    const notes = [
      `not re-signed: the ${scheme} secret from ${found.from} cannot sign: ${e.message}`,
    ]
    return { headers: input.headers, scheme, signed: false, secretHeaders: [], notes }
  }
  const when = signer.timestamped ? ` with timestamp ${input.nowSec}` : ''
  const secret = found.secret.trim()
  const secretHeaders = result.headers
    .filter(([, v]) => secret.length > 0 && v.includes(secret))
    .map(([k]) => k)
  return {
    headers: result.headers,
    scheme,
    signed: true,
    secretHeaders,
    notes: [`re-signed as ${scheme}${when} using the secret from ${found.from}`, ...result.notes],
  }
}
