/** The server-side shape of the API: one async function per method of shared/api.ts. */
import type { ApiHandlers } from '../../../shared/api'

export { ApiError } from '../../../shared/api-error'

export type ApiImpl = ApiHandlers
export type PartialApiImpl = Partial<ApiImpl>
