/**
 * The control server's fastify app: the browser inspector and the Hooklens API on the loopback
 * interface, behind the per-run token. `build()` only assembles it; `server.ts` listens.
 *
 * Order of the gate matters: Host first (a rebinding page must learn nothing, not even 401),
 * then Origin, then the token. The token arrives once in the printed URL (`/?token=`); we trade
 * it for an HttpOnly SameSite=Strict cookie and redirect so it leaves the address bar and
 * history.
 */
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify'
import {
  bearerToken,
  cookieName,
  isLoopbackHost,
  isSameOrigin,
  readCookie,
  sessionCookie,
  tokenMatches,
} from './access'
import { registerApiRoutes, type ControlApi } from './api-routes'
import { sendStatic } from './static-files'

export interface ControlAppOptions {
  api: ControlApi
  /**
   * The built renderer (out/renderer). Without it the server answers the API only: the desktop
   * app serves its window over IPC and runs this for `hooklens mcp`.
   */
  staticDir?: string
  token: string
  logger?: boolean | FastifyBaseLogger
  /** The port the Host header must name; defaults to the port the connection arrived on. */
  port?: number
  bodyLimit?: number
}

export function build(opts: ControlAppOptions): FastifyInstance {
  const app = Fastify({
    ...(typeof opts.logger === 'object'
      ? { loggerInstance: opts.logger }
      : { logger: !!opts.logger }),
    // Request logs would carry `?token=` in the URL.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: opts.bodyLimit ?? 64 * 1024 * 1024,
  })

  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-content-type-options', 'nosniff')
    reply.header('referrer-policy', 'no-referrer')
    reply.header('x-frame-options', 'DENY')
    const host = req.headers.host
    const port = opts.port ?? req.raw.socket?.localPort
    if (!isLoopbackHost(host, port)) {
      return reply.code(403).type('text/plain; charset=utf-8').send('forbidden host')
    }
    const origin = req.headers.origin
    if (!isSameOrigin(origin, host)) {
      return reply.code(403).type('text/plain; charset=utf-8').send('forbidden origin')
    }
    const url = new URL(req.url, 'http://localhost')
    const fromUrl = url.searchParams.get('token')
    if (fromUrl !== null && req.method === 'GET') {
      if (!tokenMatches(opts.token, fromUrl)) {
        return reply.code(401).type('text/plain; charset=utf-8').send('invalid token')
      }
      url.searchParams.delete('token')
      const rest = url.searchParams.toString()
      return reply
        .code(302)
        .header('set-cookie', sessionCookie(opts.token, port))
        .header('cache-control', 'no-store')
        .header('location', `${url.pathname}${rest ? `?${rest}` : ''}`)
        .send()
    }
    const given =
      readCookie(req.headers.cookie, cookieName(port)) ?? bearerToken(req.headers.authorization)
    if (!tokenMatches(opts.token, given)) {
      return reply
        .code(401)
        .type('text/plain; charset=utf-8')
        .send(
          'Hooklens inspector: open the URL printed by `hooklens listen` (it carries the token).',
        )
    }
  })

  registerApiRoutes(app, opts.api)
  const staticDir = opts.staticDir
  app.get('/*', (req, reply) =>
    staticDir
      ? sendStatic(reply, staticDir, req.url)
      : reply.code(404).type('text/plain; charset=utf-8').send('not found (API only)'),
  )
  return app
}
