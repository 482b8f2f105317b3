/**
 * The re-signing table, derived from the scheme definitions (electron/core/verify/schemes):
 * each signer computes fresh signature headers over the exact body bytes with the same base
 * string its verifier checks, a fresh timestamp where the scheme has one, and keeps the
 * message id unless a new one is asked for.
 */
import { SCHEMES } from '../../verify/schemes'
import { isUnsignable } from '../../verify/scheme-definition'
import type { Signer } from './types'

export const SIGNERS: ReadonlyMap<string, Signer> = new Map(
  SCHEMES.flatMap((d) =>
    isUnsignable(d.signing) ? [] : [[d.id, { scheme: d.id, ...d.signing }] as const],
  ),
)

/** Schemes Hooklens recognises but cannot sign (the private key stays with the sender, ...). */
export const UNSIGNABLE: Readonly<Record<string, string>> = Object.fromEntries(
  SCHEMES.flatMap((d) => (isUnsignable(d.signing) ? [[d.id, d.signing.unsignable]] : [])),
)

/** Schemes sharing key material and wire format: a secret for one signs the others. */
export const FAMILIES: readonly string[][] = [
  ...new Set(SCHEMES.flatMap((d) => (d.family ? [d.family] : []))),
].map((family) => SCHEMES.filter((d) => d.family === family).map((d) => d.id))
