/** Re-signing for replays: scheme signers, detection and secret lookup. */
export { SIGNERS, UNSIGNABLE } from './schemes'
export { detectScheme, findSecret, resign } from './resign'
export type { FoundSecret, ResignInput, ResignOutput, SecretSources } from './resign'
export type { SignContext, SignResult, Signer, VerifierLike } from './types'
export { hmac, whsecKey } from './primitives'
