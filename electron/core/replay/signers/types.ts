/** The shape every scheme signer has (derived from the scheme definitions in schemes.ts). */
import type { SchemeSigning } from '../../verify/scheme-definition'

export type { SignContext, SignResult } from '../../verify/scheme-definition'

export interface Signer extends SchemeSigning {
  scheme: string
}

/** A configured verifier, as settings hold it (structurally electron/core/verify's config). */
export interface VerifierLike {
  id: string
  scheme: string
  secrets: string[]
  name?: string
  path?: string
  options?: Record<string, unknown>
}
