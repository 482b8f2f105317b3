/**
 * A localtunnel-protocol server on 127.0.0.1 for tests (no internet here). It mirrors the
 * public server's protocol: `GET /?new` or `GET /<name>` registers a client and answers
 * `{id, port, max_conn_count, url}`; the client opens sockets to `port`; public requests whose
 * Host is `<id>.<domain>` are proxied through those sockets with an http.Agent (as the real
 * server does, headers lower-cased, plus X-Forwarded-For / X-Real-IP like its front proxy).
 * Also mirrors what localtunnel.me does around that: reminder page for browser user agents,
 * a body cap, 503 when the client is gone. Killable and restartable on the same port, and
 * configurable to refuse (4xx) or never answer registrations.
 */
import dns from 'node:dns'
import http from 'node:http'
import net from 'node:net'
import { randomBytes } from 'node:crypto'
import type { AddressInfo } from 'node:net'

export type RegistrationMode =
  { kind: 'ok' } | { kind: 'status'; status: number; message?: string } | { kind: 'hang' }

export interface FakeLocaltunnelOptions {
  domain?: string
  maxConnCount?: number
  registration?: RegistrationMode
  /** Serve the reminder page to browser user agents without the bypass header. Default true. */
  reminderForBrowsers?: boolean
  /** Refuse bodies whose Content-Length is above this with 413 (localtunnel.me: ~1 MB). */
  bodyLimit?: number
  /** How long a public request waits for a free tunnel socket before 503. */
  socketWaitMs?: number
}

const NAME_RULE = /^(?:[a-z0-9][a-z0-9-]{4,63}[a-z0-9]|[a-z0-9]{4,63})$/

class TunnelClient {
  readonly sockets = new Set<net.Socket>()
  private readonly idle: net.Socket[] = []
  private readonly waiting: ((s: net.Socket | null) => void)[] = []
  readonly agent: http.Agent

  constructor(
    readonly id: string,
    readonly server: net.Server,
    private readonly waitMs: number,
  ) {
    server.on('connection', (socket) => {
      this.sockets.add(socket)
      socket.once('close', () => {
        this.sockets.delete(socket)
        const i = this.idle.indexOf(socket)
        if (i >= 0) this.idle.splice(i, 1)
      })
      socket.on('error', () => socket.destroy())
      const waiter = this.waiting.shift()
      if (waiter) waiter(socket)
      else this.idle.push(socket)
    })
    // Like the real server's TunnelAgent: every "connection" is one of the client's sockets.
    this.agent = new http.Agent({ keepAlive: true, maxFreeSockets: 1 })
    const createConnection = (_opts: unknown, cb: (err: Error | null, s?: net.Socket) => void) => {
      this.take((s) => (s ? cb(null, s) : cb(new Error('no tunnel socket available'))))
      return undefined
    }
    ;(this.agent as unknown as { createConnection: typeof createConnection }).createConnection =
      createConnection
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port
  }

  private take(cb: (s: net.Socket | null) => void): void {
    const s = this.idle.shift()
    if (s) return cb(s)
    const waiter = (sock: net.Socket | null) => {
      clearTimeout(timer)
      cb(sock)
    }
    const timer = setTimeout(() => {
      const i = this.waiting.indexOf(waiter)
      if (i >= 0) this.waiting.splice(i, 1)
      cb(null)
    }, this.waitMs)
    this.waiting.push(waiter)
  }

  close(): void {
    this.agent.destroy()
    for (const s of this.sockets) s.destroy()
    this.server.close()
    for (const w of this.waiting.splice(0)) w(null)
  }
}

export class FakeLocaltunnelServer {
  private server: http.Server | null = null
  private readonly clients = new Map<string, TunnelClient>()
  private readonly zombies: TunnelClient[] = []
  private mode: RegistrationMode
  private readonly domain: string
  port = 0
  registrations = 0
  /** Public requests seen, for assertions: [host, method, path, status]. */
  readonly requests: { host: string; method: string; path: string; status: number }[] = []

  private constructor(private readonly opts: FakeLocaltunnelOptions) {
    this.mode = opts.registration ?? { kind: 'ok' }
    this.domain = opts.domain ?? 'localhost'
  }

  static async start(opts: FakeLocaltunnelOptions = {}): Promise<FakeLocaltunnelServer> {
    const s = new FakeLocaltunnelServer(opts)
    await s.listen(0)
    return s
  }

  /** The URL to pass as the tunnel host. */
  get url(): string {
    return `http://127.0.0.1:${this.port}`
  }

  setRegistration(mode: RegistrationMode): void {
    this.mode = mode
  }

  clientIds(): string[] {
    return [...this.clients.keys()]
  }

  socketCount(id: string): number {
    return this.clients.get(id)?.sockets.size ?? 0
  }

  /**
   * Forgets a client while its sockets stay connected: public requests for it get 503, and
   * only a request through the public URL (the self-check) can notice.
   */
  forgetClient(id: string): void {
    const c = this.clients.get(id)
    this.clients.delete(id)
    if (c) this.zombies.push(c)
  }

  /** Stops everything abruptly: the public port, every client port and socket. */
  async kill(): Promise<void> {
    for (const c of [...this.clients.values(), ...this.zombies.splice(0)]) c.close()
    this.clients.clear()
    const server = this.server
    this.server = null
    if (!server) return
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }

  /** Comes back on the same port with no clients (the old ids are gone). */
  async restart(): Promise<void> {
    await this.kill()
    await this.listen(this.port)
  }

  close(): Promise<void> {
    return this.kill()
  }

  private listen(port: number): Promise<void> {
    const server = http.createServer((req, res) => this.handle(req, res))
    this.server = server
    return new Promise((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, '127.0.0.1', () => {
        this.port = (server.address() as AddressInfo).port
        resolve()
      })
    })
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase()
    const suffix = `.${this.domain}`
    if (host.endsWith(suffix)) return this.proxy(host.slice(0, -suffix.length), req, res)
    void this.register(req, res)
  }

  private async register(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (this.mode.kind === 'hang') return
    if (this.mode.kind === 'status') {
      res.writeHead(this.mode.status, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ message: this.mode.message ?? `refused (${this.mode.status})` }))
      return
    }
    const url = new URL(req.url ?? '/', 'http://x')
    const name = url.pathname.slice(1)
    if (req.method !== 'GET' || (name === '' && !url.searchParams.has('new'))) {
      res.writeHead(404).end()
      return
    }
    if (name && !NAME_RULE.test(name)) {
      res.writeHead(403, { 'content-type': 'application/json' })
      res.end(
        JSON.stringify({
          message:
            'Invalid subdomain. Subdomains must be lowercase and between 4 and 63 alphanumeric characters.',
        }),
      )
      return
    }
    const id = name && !this.clients.has(name) ? name : randomId()
    const tcp = net.createServer()
    await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', () => resolve()))
    const client = new TunnelClient(id, tcp, this.opts.socketWaitMs ?? 1000)
    this.clients.set(id, client)
    this.registrations++
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(
      JSON.stringify({
        id,
        port: client.port,
        max_conn_count: this.opts.maxConnCount ?? 4,
        url: `http://${id}.${this.domain}:${this.port}`,
      }),
    )
  }

  private proxy(id: string, req: http.IncomingMessage, res: http.ServerResponse): void {
    const record = (status: number) =>
      this.requests.push({
        host: req.headers.host ?? '',
        method: req.method ?? '',
        path: req.url ?? '',
        status,
      })
    const client = this.clients.get(id)
    if (!client) {
      record(503)
      res.writeHead(503, { 'content-type': 'text/plain' }).end('503 - Tunnel Unavailable')
      req.resume()
      return
    }
    const ua = req.headers['user-agent'] ?? ''
    if (
      this.opts.reminderForBrowsers !== false &&
      /Mozilla\/\d/.test(ua) &&
      req.headers['bypass-tunnel-reminder'] === undefined
    ) {
      record(511)
      res.writeHead(511, { 'content-type': 'text/html; charset=utf-8' })
      res.end(REMINDER_HTML)
      req.resume()
      return
    }
    const declared = Number(req.headers['content-length'] ?? 0)
    if (this.opts.bodyLimit !== undefined && declared > this.opts.bodyLimit) {
      record(413)
      res.writeHead(413, { 'content-type': 'text/html', connection: 'close' })
      res.end('<html><body><h1>413 Request Entity Too Large</h1></body></html>')
      req.resume()
      return
    }
    const peer = (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '')
    const headers = {
      ...req.headers,
      'x-forwarded-for': peer,
      'x-real-ip': peer,
      'x-forwarded-proto': 'https',
    }
    const upstream = http.request(
      {
        host: 'tunnel',
        port: client.port,
        path: req.url,
        method: req.method,
        headers,
        agent: client.agent,
      },
      (up) => {
        record(up.statusCode ?? 0)
        res.writeHead(up.statusCode ?? 502, up.headers)
        up.pipe(res)
      },
    )
    upstream.on('error', () => {
      if (!res.headersSent) {
        record(503)
        res.writeHead(503, { 'content-type': 'text/plain' }).end('503 - Tunnel Unavailable')
      } else res.destroy()
    })
    req.pipe(upstream)
  }
}

function randomId(): string {
  const letters = 'abcdefghijklmnopqrstuvwxyz'
  return [...randomBytes(10)].map((b) => letters[b % 26]).join('')
}

const REMINDER_HTML = `<!DOCTYPE html><html><head><title>localtunnel</title></head><body>
<h1>Friendly Reminder</h1><p>You are about to visit this website through localtunnel.</p>
<p>To bypass this page, set the <code>bypass-tunnel-reminder</code> request header to any value,
or use a non-standard browser User-Agent.</p><p>Tunnel Password: enter your public IP.</p>
</body></html>`

/**
 * The fixture's public URLs are `http://<id>.localhost:<port>`; glibc does not resolve
 * `*.localhost`, so tests route those names to 127.0.0.1 (only those). Returns the undo.
 */
export function resolveLocalhostSubdomains(): () => void {
  const original = dns.lookup
  const patched = function (this: unknown, host: string, opts: unknown, cb?: unknown) {
    const callback = (typeof opts === 'function' ? opts : cb) as (...a: unknown[]) => void
    const options = (typeof opts === 'object' && opts !== null ? opts : {}) as { all?: boolean }
    if (typeof host === 'string' && host.toLowerCase().endsWith('.localhost')) {
      if (options.all) process.nextTick(callback, null, [{ address: '127.0.0.1', family: 4 }])
      else process.nextTick(callback, null, '127.0.0.1', 4)
      return
    }
    return (original as (...a: unknown[]) => void).call(this, host, opts, cb)
  }
  ;(dns as { lookup: unknown }).lookup = patched
  return () => {
    ;(dns as { lookup: unknown }).lookup = original
  }
}
