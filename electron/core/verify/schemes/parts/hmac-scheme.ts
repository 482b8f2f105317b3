/**
 * One HMAC scheme from one spec. What is signed (the base string) is written once, as a
 * function of the request's fields, and used both ways: to verify, over the fields read from
 * the captured request; to sign a replay or forward, over fresh ones (stripe-go's
 * `ComputeSignature`, used by its verifier and its test signer alike, is the model).
 */
import { anyMatches, encode, hmac, macMatches } from '../../crypto'
import type { HmacAlgorithm, SigEncoding } from '../../crypto'
import type {
  Detection,
  PlatformHint,
  SchemeDefinition,
  SignContext,
  SignResult,
} from '../../scheme-definition'
import type { Content, Extracted, Scheme } from '../../types'
import { deriveKey, KEY_DESCRIPTIONS, keyVariants, type KeyDerivation } from './hmac-keys'

/** The parts of a request a signature may cover; text fields exactly as written in headers. */
export interface SignedFields {
  body: Buffer
  url: string
  method: string
  ts?: string
  id?: string
  token?: string
}

/** The encoded signature over a request's fields, with the key already derived from a secret. */
export type ComputeSignature = (fields: SignedFields) => string

type Derived = 'key' | 'keyVariants' | 'check' | 'keyDescription' | 'otherEncoding' | 'encoding'

export interface HmacSpec extends Omit<Scheme, Derived> {
  alg: HmacAlgorithm
  encoding: SigEncoding
  derivation: KeyDerivation
  /** The signed bytes, in order: the one base string for verifying and signing. */
  signed(f: SignedFields): (Buffer | string)[]
}

export interface HmacDefinitionSpec extends HmacSpec {
  /** Writes fresh signature headers; `compute` signs exactly what the verifier checks. */
  sign?: { timestamped: boolean; write(ctx: SignContext, compute: ComputeSignature): SignResult }
  /** Why the scheme cannot be re-signed, when it cannot. */
  unsignable?: string
  detect: Detection
  family?: string
  platform?: PlatformHint
}

const ENCODINGS: SigEncoding[] = ['hex', 'base64', 'base64url']

/** The fields a verifier reads from a request: the scheme's extract puts them in `data`. */
export function fieldsOf(ex: Extracted, c: Content): SignedFields {
  const d = ex.data ?? {}
  const text = (v: unknown): string | undefined => (v === undefined ? undefined : String(v))
  return {
    body: c.body,
    url: c.url,
    method: c.method,
    ts: text(d.ts),
    id: text(d.id),
    token: text(d.token),
  }
}

/** The signing direction: a secret turned into a key once, then the spec's base string. */
export function computeSignature(
  spec: Pick<HmacSpec, 'alg' | 'encoding' | 'derivation' | 'signed'>,
  secret: string,
): ComputeSignature {
  const key = deriveKey(secret, spec.derivation)
  return (f) => encode(hmac(spec.alg, key, spec.signed(f)), spec.encoding)
}

/** The verifying direction, as a Scheme for verify-request.ts and the diagnosis. */
export function hmacScheme(spec: HmacSpec): Scheme {
  const { alg, encoding, derivation, signed, ...rest } = spec
  const content = (ex: Extracted, c: Content): (Buffer | string)[] => signed(fieldsOf(ex, c))
  return {
    ...rest,
    extract: (headers, body, options) => malformed(rest.extract(headers, body, options), alg),
    encoding,
    keyDescription: KEY_DESCRIPTIONS[derivation],
    key: (secret) => deriveKey(secret, derivation),
    keyVariants: (secret) => keyVariants(secret, derivation),
    check: (ex, key, c) => ({
      ok: Buffer.isBuffer(key) && macMatches(alg, encoding, key, content(ex, c), ex.signatures),
    }),
    otherEncoding: (ex, key, c) => {
      if (!Buffer.isBuffer(key)) return null
      const mac = hmac(alg, key, content(ex, c))
      for (const other of ENCODINGS) {
        if (other !== encoding && anyMatches(encode(mac, other), ex.signatures, other)) return other
      }
      return null
    },
  }
}

/** A whole definition: verifier and signer share the spec's `signed` base string. */
export function defineHmac(spec: HmacDefinitionSpec): SchemeDefinition & { verifier: Scheme } {
  const { sign, unsignable, detect, family, platform, ...hmacSpec } = spec
  return {
    id: spec.id,
    verifier: hmacScheme(hmacSpec),
    signing: sign
      ? {
          timestamped: sign.timestamped,
          sign: (ctx) => sign.write(ctx, computeSignature(hmacSpec, ctx.secret)),
        }
      : { unsignable: unsignable ?? `re-signing ${spec.id} is not supported` },
    detect,
    family,
    platform,
  }
}

/** Shortest signature text any HMAC digest encodes to (a SHA-1 digest in base64 is 27+). */
const MIN_SIGNATURE_CHARS = 16

/**
 * A header whose every value is far too short for an HMAC (`sha256=00`) is malformed — worth
 * saying so rather than blaming the secret.
 */
function malformed(
  ex: ReturnType<Scheme['extract']>,
  alg: HmacAlgorithm,
): ReturnType<Scheme['extract']> {
  if (!ex || 'problem' in ex || ex.signatures.length === 0) return ex
  if (ex.signatures.some((sig) => sig.length >= MIN_SIGNATURE_CHARS)) return ex
  const sig = ex.signatures[0]
  const where = ex.source ?? 'the signature header'
  return {
    problem: `${where} is malformed: "${sig.slice(0, 16)}" is ${sig.length} characters, far too short for an HMAC-${alg.toUpperCase()} signature`,
  }
}
