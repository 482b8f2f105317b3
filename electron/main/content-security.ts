/**
 * The inspector's Content-Security-Policy and the session-level guards that enforce it: every
 * response our renderer gets — file:// pages through a `file` protocol handler, the dev server
 * through webRequest — carries the policy; file:// reads outside the built renderer are refused;
 * every permission request is denied except writing to the clipboard.
 */
import type { Session } from 'electron'
import { fileURLToPath } from 'node:url'
import { relative, isAbsolute } from 'node:path'
import type { RendererLocation } from './renderer-location'
import { INSPECTOR_CSP } from '../../shared/csp'

export const CSP = INSPECTOR_CSP

/** Dev only: Vite's HMR client needs its websocket and React's inline refresh preamble. */
export function devCsp(devServerUrl: string): string {
  const ws = new URL(devServerUrl)
  ws.protocol = ws.protocol === 'https:' ? 'wss:' : 'ws:'
  return CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace(
    "connect-src 'self'",
    `connect-src 'self' ${ws.origin}`,
  )
}

export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write'])

export function isInside(dir: string, file: string): boolean {
  const rel = relative(dir, file)
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))
}

export type FetchLike = (
  url: string,
  init: { bypassCustomProtocolHandlers: boolean },
) => Promise<Response>

export interface HardenSessionOptions {
  session: Pick<
    Session,
    'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'webRequest' | 'protocol'
  >
  location: RendererLocation
  /** Electron's `net.fetch`, which can read file:// past our own handler. */
  fetch: FetchLike
}

export function withCsp(res: Response, csp: string): Response {
  const headers = new Headers(res.headers)
  headers.set('Content-Security-Policy', csp)
  headers.set('X-Content-Type-Options', 'nosniff')
  return new Response(res.body, { status: res.status, statusText: res.statusText, headers })
}

/** A file:// handler: only files of the built renderer, each with the CSP header. */
export function fileHandler(location: RendererLocation, fetch: FetchLike) {
  return async (request: Request): Promise<Response> => {
    let path: string
    try {
      path = fileURLToPath(request.url)
    } catch {
      return new Response('Bad file URL', { status: 400 })
    }
    if (!isInside(location.dir, path)) return new Response('Not found', { status: 404 })
    const res = await fetch(request.url, { bypassCustomProtocolHandlers: true })
    return withCsp(res, CSP)
  }
}

export function hardenSession(opts: HardenSessionOptions): void {
  const { session, location } = opts
  session.setPermissionRequestHandler((_wc, permission, callback) =>
    callback(ALLOWED_PERMISSIONS.has(permission)),
  )
  session.setPermissionCheckHandler((_wc, permission) => ALLOWED_PERMISSIONS.has(permission))
  session.protocol.handle('file', fileHandler(location, opts.fetch))
  const csp = location.devServerUrl ? devCsp(location.devServerUrl) : CSP
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] },
    })
  })
}
