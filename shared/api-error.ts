/**
 * The one error every API transport raises: a message plus an HTTP-style status (400 bad
 * argument, 404 not found, 409 conflict, 501 not wired, 500 anything unexpected). The core
 * throws it, the HTTP adapter answers `{error}` with its status, the IPC adapter returns an
 * `ApiErrorReply`, and both clients rethrow an equal `ApiError` so the desktop and the browser
 * show the same message.
 */

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

/**
 * An API failure as it crosses IPC. Electron keeps only an Error's message across
 * `ipcMain.handle` (prefixed, status lost), so the adapter returns this plain object instead;
 * the tag tells it apart from any method's result.
 */
export interface ApiErrorReply {
  hooklensApiError: true
  error: string
  status: number
}

/**
 * Any thrown value as an ApiError: its own status when it carries one in 400–599 (ApiError,
 * fastify's `statusCode`), 500 otherwise. Both adapters use it so a failure maps the same way.
 */
export function toApiError(err: unknown): ApiError {
  const e = (err ?? {}) as { statusCode?: unknown; status?: unknown }
  const raw = typeof e.statusCode === 'number' ? e.statusCode : e.status
  const status = typeof raw === 'number' && raw >= 400 && raw < 600 ? raw : 500
  if (err instanceof ApiError && err.status === status) return err
  return new ApiError(err instanceof Error ? err.message : String(err), status)
}

export function apiErrorReply(err: unknown): ApiErrorReply {
  const e = toApiError(err)
  return { hooklensApiError: true, error: e.message, status: e.status }
}

export function isApiErrorReply(v: unknown): v is ApiErrorReply {
  if (!v || typeof v !== 'object') return false
  const r = v as Partial<ApiErrorReply>
  return r.hooklensApiError === true && typeof r.error === 'string' && typeof r.status === 'number'
}
