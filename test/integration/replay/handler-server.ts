/**
 * A real local "handler" for replay and forwarding tests: a node:http server on 127.0.0.1 that
 * records every request's raw headers (order, case, duplicates) and exact body bytes, and
 * answers what the test scripts (status, headers, delay) — or whatever `respond` decides.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Received {
  method: string
  url: string
  headers: [string, string][]
  body: Buffer
  at: number
}

export interface Answer {
  status: number
  headers?: Record<string, string>
  body?: string
}

export interface Handler {
  url: string
  port: number
  received: Received[]
  /** Decide the answer per request (default 200 "ok"). */
  respond: (req: Received, index: number) => Answer | Promise<Answer>
  close(): Promise<void>
}

export async function startHandler(
  respond: Handler['respond'] = () => ({ status: 200, body: 'ok' }),
): Promise<Handler> {
  const received: Received[] = []
  const handler = { received, respond } as Handler
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', async () => {
      const pairs: [string, string][] = []
      for (let i = 0; i < req.rawHeaders.length; i += 2)
        pairs.push([req.rawHeaders[i], req.rawHeaders[i + 1]])
      const r: Received = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: pairs,
        body: Buffer.concat(chunks),
        at: Date.now(),
      }
      received.push(r)
      const a = await handler.respond(r, received.length - 1)
      res.writeHead(a.status, a.headers ?? { 'content-type': 'text/plain' })
      res.end(a.body ?? '')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  handler.port = port
  handler.url = `http://127.0.0.1:${port}`
  handler.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    })
  return handler
}

/** A port nothing listens on: bind, read the port, close. */
export async function freePort(): Promise<number> {
  const s = createServer()
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve))
  const port = (s.address() as AddressInfo).port
  await new Promise<void>((resolve) => s.close(() => resolve()))
  return port
}

/** Headers minus the ones a client computes per connection. */
export function endToEndHeaders(headers: [string, string][]): [string, string][] {
  const hop = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive'])
  return headers.filter(([k]) => !hop.has(k.toLowerCase()))
}
