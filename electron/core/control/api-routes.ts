/**
 * The API over HTTP: `POST /api/<method>` with the one JSON argument as body, answering
 * `{result}` (or `{error}`), and `GET /api/events`, a Server-Sent Events stream of pushes.
 * Only names in API_METHODS are routed; anything else is a 404.
 */
import type { FastifyInstance } from 'fastify'
import type { ServerResponse } from 'node:http'
import { API_METHODS, type ApiPush, type HooklensApi } from '../../../shared/api'
import { toApiError } from '../../../shared/api-error'

/** What the control server needs from the core: every API method plus pushed events. */
export type ControlApi = HooklensApi

const METHODS = new Set<string>(API_METHODS)
const HEARTBEAT_MS = 15_000

export function registerApiRoutes(app: FastifyInstance, api: ControlApi) {
  const streams = new Set<ServerResponse>()

  app.post<{ Params: { method: string } }>('/api/:method', async (req, reply) => {
    const { method } = req.params
    if (!METHODS.has(method) || typeof (api as Record<string, unknown>)[method] !== 'function') {
      return reply.code(404).send({ error: `unknown method: ${method}` })
    }
    const ct = req.headers['content-type'] ?? ''
    if (req.body !== undefined && !ct.startsWith('application/json')) {
      return reply.code(415).send({ error: 'body must be application/json' })
    }
    const arg = req.body ?? {}
    if (typeof arg !== 'object' || arg === null || Array.isArray(arg)) {
      return reply.code(400).send({ error: 'the argument must be a JSON object' })
    }
    try {
      const fn = (api as unknown as Record<string, (a: unknown) => Promise<unknown>>)[method]
      const result = await fn.call(api, arg)
      return reply.send({ result: result === undefined ? null : result })
    } catch (err) {
      // The same mapping the IPC adapter uses, so both transports fail alike.
      const e = toApiError(err)
      req.log.warn({ method, err: e.message }, 'api method failed')
      return reply.code(e.status).send({ error: e.message })
    }
  })

  app.get('/api/events', (req, reply) => {
    reply.hijack()
    const res = reply.raw
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-content-type-options': 'nosniff',
    })
    res.write(': hooklens events\n\n')
    streams.add(res)
    const unsubscribe = api.subscribe((push: ApiPush) => {
      res.write(`data: ${JSON.stringify(push)}\n\n`)
    })
    const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS)
    heartbeat.unref()
    const done = () => {
      clearInterval(heartbeat)
      unsubscribe()
      streams.delete(res)
    }
    req.raw.on('close', done)
    res.on('close', done)
  })

  // Open SSE streams would keep `close()` waiting for ever.
  app.addHook('preClose', (done) => {
    for (const res of streams) res.end()
    streams.clear()
    done()
  })
}
