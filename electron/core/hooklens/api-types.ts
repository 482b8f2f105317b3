/** The server-side shape of the API: one async function per method of shared/api.ts. */
import type { ApiArg, ApiMethodName, ApiResult } from '../../../shared/api'

export type ApiImpl = { [M in ApiMethodName]: (arg: ApiArg<M>) => Promise<ApiResult<M>> }
export type PartialApiImpl = Partial<ApiImpl>

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message)
  }
}
