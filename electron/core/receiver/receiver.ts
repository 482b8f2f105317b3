/**
 * The receiver: the public-facing fastify app that answers every method on every path and
 * hands the exact request bytes to the core. It has no privileged routes — the tunnel exposes
 * this port, so it never serves the inspector, the API, settings or secrets.
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify'
import { METHODS, type IncomingMessage } from 'node:http'
import type { HeaderPair } from '../../../shared/event'
import { withoutOwnCookies } from './own-cookies'
import type { RawRequest } from './raw-request'
import { readBodyWithLimit, type BodyResult } from './read-body'
import { sameLengthDeadlines } from './deadlines'

export interface ReceiverAnswer {
  status: number
  headers?: [string, string][]
  body?: Buffer | string
  delayMs?: number
}

export interface ReceiverOptions {
  maxBodyBytes: number
  /** Stores the request and decides the answer; resolves once the event is durable. */
  onRequest: (raw: RawRequest) => Promise<ReceiverAnswer>
  /** True when the request came through the public tunnel. */
  isTunnel?: (headers: HeaderPair[], remoteAddress: string) => boolean
  clock?: () => Date
  logger?: { warn(message: string): void }
  /** Time a sender has to send its request headers (Node answers 408 itself); 0 = none. */
  headersTimeoutMs?: number
  /** Time a sender has to send its body; past it the request is recorded as rejected, 408. */
  bodyTimeoutMs?: number
}

/** Methods fastify does not route by default but Node's parser accepts (CONNECT aside). */
const EXTRA_METHODS = METHODS.filter((m) => m !== 'CONNECT')

export function build(opts: ReceiverOptions): FastifyInstance {
  const app = Fastify({
    logger: false,
    exposeHeadRoutes: false,
    requestIdHeader: false,
    routerOptions: { maxParamLength: 64 * 1024 },
    forceCloseConnections: true,
    return503OnClosing: true,
    // Slow senders (12.4): Node checks header deadlines every connectionsCheckingInterval.
    http: {
      headersTimeout: opts.headersTimeoutMs ?? 0,
      connectionsCheckingInterval: Math.min(1000, Math.max(100, opts.headersTimeoutMs ?? 1000)),
    },
    frameworkErrors: (_err, req, reply) => void handle(req, reply),
  })
  for (const m of EXTRA_METHODS) {
    if (!app.supportedMethods.includes(m)) app.addHttpMethod(m, { hasBody: true })
  }
  // Fastify never parses a body here: the handler reads the raw stream itself so the
  // stored bytes are exactly the bytes sent, whatever the content type (or none).
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('*', (_req, _payload, done) => done(null, undefined))

  const clock = opts.clock ?? (() => new Date())
  // Answers held back by a response delay, and requests still being handled. On close the
  // delays end at once and those answers go out before connections are cut: a sender whose
  // request was stored as "answered 429" must receive that 429, not an empty reply.
  const sleepers = new Set<() => void>()
  // Requests being handled: a count, not a set of their promises (no wrapper per request).
  let handling = 0
  let allHandled: (() => void) | null = null
  const delay = (ms: number) =>
    new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer)
        sleepers.delete(wake)
        resolve()
      }
      const timer = setTimeout(wake, ms)
      sleepers.add(wake)
    })
  app.addHook('preClose', async () => {
    for (const wake of [...sleepers]) wake()
    if (handling > 0) await new Promise<void>((resolve) => (allHandled = resolve))
  })
  // One timer for every body being read (all share the same timeout).
  const bodyDeadlines = opts.bodyTimeoutMs ? sameLengthDeadlines(opts.bodyTimeoutMs) : 0

  async function handle(req: FastifyRequest, reply: FastifyReply): Promise<void> {
    handling++
    try {
      const receivedAt = clock()
      const raw = req.raw
      // Read before the body: an aborted upload's socket no longer knows its peer.
      const remoteAddress = raw.socket.remoteAddress ?? ''
      const read = await readBodyWithLimit(raw, opts.maxBodyBytes, bodyDeadlines)
      const request = rawRequest(raw, receivedAt, remoteAddress, read)
      let answer: ReceiverAnswer
      try {
        answer = await opts.onRequest(request)
      } catch (err) {
        opts.logger?.warn(
          `receiver: could not record ${request.method} ${raw.url ?? '/'}: ${(err as Error).message}`,
        )
        answer = {
          status: 500,
          headers: [['content-type', 'application/json']],
          body: JSON.stringify({ error: 'hooklens could not record this request', retry: true }),
        }
      }
      // The rest of the body was not read: close instead of leaving it in the socket.
      if (read.tooLarge || read.timedOut) reply.header('connection', 'close')
      if (answer.delayMs && answer.delayMs > 0) await delay(answer.delayMs)
      reply.code(answer.status)
      if (answer.headers) for (const [k, v] of answer.headers) reply.header(k, v)
      const payload = answer.body ?? ''
      // A Buffer goes out as is; a string would get a charset appended to its content type.
      // Not awaited: a Buffer is written (res.end) before send returns, nothing is left to wait on.
      reply.send(typeof payload === 'string' ? encoded(payload) : payload)
    } finally {
      if (--handling === 0 && allHandled) allHandled()
    }
  }

  /** The request as the core sees it: exact bytes, headers in arrival order, where it came from. */
  function rawRequest(
    raw: IncomingMessage,
    receivedAt: Date,
    remoteAddress: string,
    read: BodyResult,
  ): RawRequest {
    const url = raw.url ?? '/'
    const q = url.indexOf('?')
    // Our own inspector cookie is never captured (12.2).
    const headers = withoutOwnCookies(pairs(raw.rawHeaders))
    const request: RawRequest = {
      receivedAt,
      method: raw.method ?? 'GET',
      path: q === -1 ? url : url.slice(0, q),
      query: q === -1 ? '' : url.slice(q + 1),
      headers,
      body: read.body,
      remoteAddress,
      via: opts.isTunnel?.(headers, remoteAddress) ? 'tunnel' : 'local',
      forwardedFor: lastForwardedFor(headers),
    }
    if (read.tooLarge) {
      request.rejected = 'rejected: body too large'
      request.declaredSize = read.declaredSize
    } else if (read.timedOut) {
      request.rejected = `rejected: body not received within ${formatSeconds(opts.bodyTimeoutMs!)}`
      request.rejectStatus = 408
      request.declaredSize = read.declaredSize
    }
    return request
  }

  // Nearly every answer is the same configured body: its bytes are encoded once, not per request
  // (a sent Buffer is only read, so one can go to many replies).
  let lastText = ''
  let lastBytes = Buffer.alloc(0)
  const encoded = (text: string): Buffer => {
    if (text !== lastText) {
      lastBytes = Buffer.from(text)
      lastText = text
    }
    return lastBytes
  }

  app.route({ method: app.supportedMethods, url: '*', handler: handle })
  app.setNotFoundHandler(handle)
  return app
}

function pairs(raw: string[]): HeaderPair[] {
  const out: HeaderPair[] = []
  for (let i = 0; i + 1 < raw.length; i += 2) out.push([raw[i], raw[i + 1]])
  return out
}

/**
 * The last X-Forwarded-For entry, across repeated headers: the one the hop in front of us (the
 * tunnel's proxy) appended. Earlier entries are whatever the sender wrote (12.3).
 */
export function lastForwardedFor(headers: HeaderPair[]): string | null {
  let last: string | null = null
  for (const [k, v] of headers) {
    if (k.toLowerCase() !== 'x-forwarded-for') continue
    const entries = v
      .split(',')
      .map((e) => e.trim())
      .filter(Boolean)
    if (entries.length) last = entries[entries.length - 1]
  }
  return last
}

function formatSeconds(ms: number): string {
  const s = ms / 1000
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`
}
