/**
 * Starts the control server on a loopback address with a fresh token and returns the URL to
 * print (it carries the token once) and a `close()`.
 */
import type { FastifyBaseLogger } from 'fastify'
import type { AddressInfo } from 'node:net'
import { newToken } from './access'
import { build } from './app'
import type { ControlApi } from './api-routes'

export interface StartControlOptions {
  api: ControlApi
  staticDir?: string
  /** 0 (default) picks a free port. */
  port?: number
  /** Loopback only: 127.0.0.1 (default), ::1 or localhost. */
  host?: string
  token?: string
  logger?: boolean | FastifyBaseLogger
}

export interface ControlServer {
  /** `http://127.0.0.1:PORT/?token=...` — the one URL that opens the inspector. */
  url: string
  /** The same address without the token. */
  origin: string
  port: number
  token: string
  close(): Promise<void>
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost'])

export async function startControlServer(opts: StartControlOptions): Promise<ControlServer> {
  const host = opts.host ?? '127.0.0.1'
  if (!LOOPBACK.has(host)) {
    throw new Error(`the inspector listens on loopback only (got ${host})`)
  }
  const token = opts.token ?? newToken()
  const app = build({ api: opts.api, staticDir: opts.staticDir, token, logger: opts.logger })
  await app.listen({ port: opts.port ?? 0, host: host === 'localhost' ? '127.0.0.1' : host })
  const { port } = app.server.address() as AddressInfo
  const name = host === '::1' ? '[::1]' : '127.0.0.1'
  const origin = `http://${name}:${port}`
  return {
    url: `${origin}/?token=${encodeURIComponent(token)}`,
    origin,
    port,
    token,
    close: () => app.close(),
  }
}
