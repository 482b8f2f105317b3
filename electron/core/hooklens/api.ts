/**
 * Joins the API method groups into the one object every transport serves. A method whose
 * feature is not wired answers with a clear error rather than a silent empty result.
 */
import { API_METHODS, type ApiMethodName } from '../../../shared/api'
import { exportApi } from '../export'
import type { Hooklens } from './hooklens'
import { eventsApi } from './api-events'
import { diffApi } from './api-diff'
import { agentLensApi } from './api-agent-lens'
import { ApiError, type ApiImpl, type PartialApiImpl } from './api-types'

export function createApi(h: Hooklens, ...groups: PartialApiImpl[]): ApiImpl {
  const exports = exportApi(h.store, { baseUrl: () => h.receiverUrl, version: h.status().version })
  const joined: PartialApiImpl = Object.assign(
    {},
    eventsApi(h),
    diffApi(h),
    exports,
    h.replay.api(),
    agentLensApi(h),
    ...groups,
  )
  const api: PartialApiImpl = {}
  for (const name of API_METHODS) withFallback(api, joined, name)
  // The loop above filled every name of API_METHODS, the contract's full list.
  return api as ApiImpl
}

function withFallback<M extends ApiMethodName>(api: PartialApiImpl, from: PartialApiImpl, name: M) {
  api[name] =
    from[name] ??
    (async () => {
      throw new ApiError(`${name} is not available in this Hooklens process`, 501)
    })
}
