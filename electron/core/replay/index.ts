/** Replay, re-sign, forwarding with retries and dead letters, delivery records, `send` samples. */
export { replayRequest, prepareReplay } from './replay'
export type { ReplayOptions, ReplaySource, PreparedReplay } from './replay'
export { sendHttp, formatDuration, DEFAULT_TIMEOUT_MS, DEFAULT_RESPONSE_CAP } from './http-send'
export type { HttpRequestSpec } from './http-send'
export {
  buildHeaders,
  setHeader,
  targetUrl,
  parseTarget,
  isHopByHop,
  HOP_BY_HOP,
} from './request-build'
export { DeliveryStore, DELIVERIES_FILE } from './delivery-store'
export type { DeliveryQuery, DeliveryStoreOptions } from './delivery-store'
export { Forwarder } from './forwarder'
export type { ForwarderOptions } from './forwarder'
export { rulesFromTargets, ruleMatches, pathMatches, DEFAULT_MAX_ATTEMPTS } from './forward-rules'
export type { ForwardRule, ForwardFilter, ForwardableEvent } from './forward-rules'
export { backoffDelay, parseRetryAfter, isRetryable } from './backoff'
export { encodeBody, decodeBody } from '../store/body-encoding'
export { detectScheme, findSecret, resign, SIGNERS, UNSIGNABLE } from './signers'
export type { SecretSources, VerifierLike } from './signers'
export {
  buildSample,
  sendSample,
  sampleEvents,
  SEND_PLATFORMS,
  goJsonMarshal,
  pythonJsonDumps,
} from './samples'
export type { SampleOptions, SampleRequest, SendResult } from './samples'
export type * from './types'
export { ReplayService } from './replay-service'
export type { ReplayServiceDeps } from './replay-service'
