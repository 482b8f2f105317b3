/** Sharing the public URL with agents: A2A push registration, config snippets, runtime info. */
export {
  registerA2APush,
  defaultA2APath,
  generateToken,
  type RegisterA2AOptions,
  type RegisterA2AResult,
} from './a2a-register'
export { A2AShareError, chooseEndpoint, fetchAgentCard, type A2AProtocol } from './a2a-card'
export { saveA2AVerifier, A2A_TOKEN_SCHEME } from './a2a-verifier'
export { shareSnippets, type ShareSnippet, type ShareSnippets } from './snippets'
export {
  readRuntimeInfo,
  writeRuntimeInfo,
  removeRuntimeInfo,
  RUNTIME_FILE,
  type RuntimeInfo,
} from './runtime-info'
