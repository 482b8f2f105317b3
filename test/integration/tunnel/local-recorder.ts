/**
 * A stand-in for the receiver in tunnel tests: a plain HTTP server on 127.0.0.1 that keeps
 * the exact bytes of every request, answers the tunnel's self-checks without recording
 * them, and marks tunnelled requests the way the real receiver is told to.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { TunnelManager } from '../../../electron/core/tunnel/tunnel-manager'
import { classifyTunnelRequest } from '../../../electron/core/tunnel/tunnel-rules'

export interface Recorded {
  method: string
  path: string
  headers: [string, string][]
  body: Buffer
  via: 'local' | 'tunnel'
  forwardedFor: string | null
}

export interface LocalRecorder {
  port: number
  requests: Recorded[]
  selfChecksAnswered: number
  close(): Promise<void>
}

export async function startRecorder(
  getManager: () => TunnelManager | null,
): Promise<LocalRecorder> {
  const rec: LocalRecorder = {
    port: 0,
    requests: [],
    selfChecksAnswered: 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
  const server = http.createServer((req, res) => {
    const manager = getManager()
    const headers: [string, string][] = []
    for (let i = 0; i < req.rawHeaders.length; i += 2)
      headers.push([req.rawHeaders[i], req.rawHeaders[i + 1]])
    const [path, query = ''] = (req.url ?? '/').split('?')
    void query
    const answer = manager?.selfChecks.answer(req.method ?? '', path, headers)
    if (answer) {
      rec.selfChecksAnswered++
      req.resume()
      res.writeHead(answer.status, { 'content-type': answer.contentType }).end(answer.body)
      return
    }
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const origin = classifyTunnelRequest(
        headers,
        req.socket.remoteAddress ?? '',
        manager?.publicHosts() ?? [],
        (manager?.status().state ?? 'disabled') !== 'disabled',
      )
      rec.requests.push({
        method: req.method ?? '',
        path,
        headers,
        body: Buffer.concat(chunks),
        ...origin,
      })
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  rec.port = (server.address() as AddressInfo).port
  return rec
}
