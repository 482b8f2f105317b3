/**
 * Signature verification with a diagnosis (issue 3): the public surface the composition root,
 * the CLI and the tests use. No Electron here.
 */
export type {
  VerifierConfig,
  VerifyInput,
  VerifyContext,
  VerifyLogger,
  JwksProvider,
} from './types'
export { verifyRequest } from './verify-request'
export { detectScheme, SCHEME_IDS, isSchemeId } from './registry'
export { maskSecret, SEALED_SECRET_PREFIX } from './mask'
export { JwksCache } from './jwks'
export { pathMatches, requestPath } from './path-glob'
export { genericOptions } from './schemes/hmac'
export { parseRequestFile, inputFromEvent, RequestFileError } from './request-input'
export { validateVerifier, verifiersFromFlags } from './validate'
