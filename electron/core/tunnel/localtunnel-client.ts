/**
 * One localtunnel connection: registration done here (with a timeout, cancellable, and a
 * 4xx treated as final — the library's own registration retries every second forever and
 * has no timeout), then the library's `Tunnel` opens and keeps its sockets to the public
 * server. Never sets the library's `local_host` option: it rewrites the Host header with
 * `data.toString()` on the first chunk, which corrupts binary bodies.
 */
import { createRequire } from 'node:module'
import type { EventEmitter } from 'node:events'
import type { Socket } from 'node:net'

const require = createRequire(import.meta.url)

interface LtInfo {
  name: string
  url: string
  max_conn: number
  remote_host: string | null
  remote_port: number
}

interface LtTunnel extends EventEmitter {
  url: string
  clientId: string
  closed: boolean
  tunnelCluster?: EventEmitter
  _getInfo(body: unknown): LtInfo
  _establish(info: LtInfo): void
  close(): void
}

type LtTunnelClass = new (opts: { port: number; host: string; subdomain?: string }) => LtTunnel

// The library's public entry point bundles registration with socket handling; we reuse its
// Tunnel class and hand it the registration we made ourselves. Loaded on first use: it pulls
// in axios (and Node's fetch), a few hundred ms that `listen --no-tunnel` need not pay.
let tunnelClass: LtTunnelClass | null = null
function loadTunnelClass(): LtTunnelClass {
  tunnelClass ??= require('@n8n/localtunnel/lib/Tunnel.js') as LtTunnelClass
  return tunnelClass
}

export class RegistrationError extends Error {
  constructor(
    message: string,
    /** False for a 4xx or a malformed answer: retrying will not help. */
    readonly retryable: boolean,
    readonly status?: number,
  ) {
    super(message)
  }
}

export interface Registration {
  id: string
  url: string
  port: number
  maxConn: number
  raw: Record<string, unknown>
}

export interface RegisterOptions {
  host: string
  subdomain?: string
  timeoutMs: number
  signal?: AbortSignal
  fetch?: typeof fetch
}

/** `GET <host>/?new` or `GET <host>/<subdomain>`, as the localtunnel client does. */
export async function registerTunnel(opts: RegisterOptions): Promise<Registration> {
  const base = opts.host.replace(/\/+$/, '')
  const uri = `${base}/${opts.subdomain ?? '?new'}`
  // Node loads its fetch implementation on the first call (100+ ms of CPU): load it before the
  // timeout starts, so that the timeout measures the server, not our own start-up.
  if (!opts.fetch) void globalThis.Response
  const timeout = AbortSignal.timeout(opts.timeoutMs)
  const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout
  let res: Response
  let text: string
  try {
    res = await (opts.fetch ?? fetch)(uri, { signal, headers: { accept: 'application/json' } })
    text = await res.text()
  } catch (err) {
    if (opts.signal?.aborted) throw new RegistrationError('registration cancelled', false)
    if (timeout.aborted) {
      throw new RegistrationError(
        `registration at ${base} timed out after ${opts.timeoutMs} ms (the server did not answer)`,
        true,
      )
    }
    const cause = (err as { cause?: { code?: string; message?: string } }).cause
    const why = cause?.code ?? cause?.message ?? (err as Error).message
    throw new RegistrationError(`cannot reach the tunnel server ${base}: ${why}`, true)
  }
  let body: Record<string, unknown> = {}
  try {
    body = JSON.parse(text) as Record<string, unknown>
  } catch {
    // Non-JSON answers are reported below with their status.
  }
  const message = typeof body.message === 'string' ? body.message : text.slice(0, 200)
  if (res.status >= 400 && res.status < 500) {
    throw new RegistrationError(
      `tunnel server ${base} refused the registration (HTTP ${res.status}): ${message}`,
      false,
      res.status,
    )
  }
  if (res.status !== 200) {
    throw new RegistrationError(
      `tunnel server ${base} answered HTTP ${res.status}: ${message}`,
      true,
      res.status,
    )
  }
  const { id, port, url } = body
  if (typeof id !== 'string' || typeof port !== 'number' || typeof url !== 'string') {
    throw new RegistrationError(
      `tunnel server ${base} answered without id/port/url: ${text.slice(0, 200)}`,
      false,
    )
  }
  const maxConn = typeof body.max_conn_count === 'number' ? body.max_conn_count : 1
  return { id, port, url, maxConn, raw: body }
}

export interface OpenTunnel {
  registration: Registration
  /** Sockets currently connected to the public server. */
  liveSockets(): number
  onError(listener: (err: Error) => void): void
  /** Fires whenever a socket to the public server closes. */
  onSocketClosed(listener: () => void): void
  /** Fires once, when the first socket to the public server is connected. */
  onFirstSocket(listener: () => void): void
  close(): void
}

/** Opens the library's sockets for an existing registration. */
export function connectTunnel(
  reg: Registration,
  opts: { host: string; localPort: number },
): OpenTunnel {
  const Tunnel = loadTunnelClass()
  const tunnel = new Tunnel({ port: opts.localPort, host: opts.host })
  tunnel.clientId = reg.id
  tunnel.url = reg.url
  const info = tunnel._getInfo(reg.raw)
  const sockets = new Set<Socket>()
  const errorListeners: ((err: Error) => void)[] = []
  const closedListeners: (() => void)[] = []
  const firstListeners: (() => void)[] = []
  let first = false
  // The library only emits 'error' for ECONNREFUSED; we listen to every socket to catch the rest.
  tunnel.on('error', (err: Error) => {
    for (const l of errorListeners) l(err)
  })
  // _establish creates the cluster synchronously and opens sockets asynchronously, so
  // hooking 'open' right after it catches every socket.
  tunnel._establish(info)
  tunnel.tunnelCluster?.on('open', (remote: Socket) => {
    sockets.add(remote)
    // The library enables keep-alive with the OS default delay (2 h on Linux); probing
    // sooner keeps NAT mappings open on an idle tunnel.
    remote.setKeepAlive(true, 15_000)
    remote.once('close', () => {
      sockets.delete(remote)
      for (const l of closedListeners) l()
    })
    if (!first) {
      first = true
      for (const l of firstListeners) l()
    }
  })
  return {
    registration: reg,
    liveSockets: () => sockets.size,
    onError: (l) => errorListeners.push(l),
    onSocketClosed: (l) => closedListeners.push(l),
    onFirstSocket: (l) => firstListeners.push(l),
    close: () => {
      tunnel.close()
      tunnel.removeAllListeners('error')
      tunnel.on('error', () => {})
      for (const s of sockets) s.destroy()
      sockets.clear()
    },
  }
}
