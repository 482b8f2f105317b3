/**
 * Keeps a public localtunnel URL pointing at the local receiver: registers, watches (client
 * errors, dropped sockets, a periodic self-check through the public URL), rebuilds with
 * backoff when anything fails, and reports every state change — loudly when the URL
 * changed, because agents pointed at the old URL must be re-pointed.
 */
import { EventEmitter } from 'node:events'
import type { TunnelState, TunnelStatus } from '../../../shared/api'
import {
  RegistrationError,
  connectTunnel,
  registerTunnel,
  type OpenTunnel,
} from './localtunnel-client'
import { SelfCheckRegistry, runSelfCheck } from './self-check'
import { REMINDER_EXPLANATION, hostOf, subdomainProblem } from './tunnel-rules'

export const DEFAULT_TUNNEL_HOST = 'https://localtunnel.me'
export const DEFAULT_BACKOFF = [1000, 2000, 5000, 10000, 20000, 30000]
const MAX_BACKOFF = 30_000
const BROWSER_UA = 'Mozilla/5.0 (hooklens reminder probe)'

export interface TunnelLogger {
  info(msg: string): void
  warn(msg: string): void
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

export interface TunnelManagerOptions {
  localPort: number
  /** localtunnel server URL (self-hosted servers welcome). */
  host?: string
  subdomain?: string
  logger?: TunnelLogger
  timers?: Timers
  now?: () => Date
  fetch?: typeof fetch
  /** 0 disables the periodic self-check. Default 30 s. */
  selfCheckIntervalMs?: number
  selfCheckTimeoutMs?: number
  /**
   * Consecutive failed self-checks (timeouts, network errors) before the tunnel is rebuilt.
   * Default 2. A 503/404 from the public server for our host rebuilds at once.
   */
  selfCheckFailures?: number
  /** Delays between rebuild attempts; the last one repeats. Capped at 30 s. */
  backoff?: number[]
  registerTimeoutMs?: number
  /** How long zero live sockets is tolerated before rebuilding. Default 3 s. */
  socketGraceMs?: number
  /** Shared with the receiver, which answers self-checks through it. */
  selfChecks?: SelfCheckRegistry
}

const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
}

const silent: TunnelLogger = { info: () => {}, warn: () => {} }

/** Emits 'status' with every TunnelStatus change. */
export class TunnelManager extends EventEmitter<{ status: [TunnelStatus] }> {
  readonly selfChecks: SelfCheckRegistry
  private readonly host: string
  private readonly opts: TunnelManagerOptions
  private readonly timers: Timers
  private readonly log: TunnelLogger
  private current: TunnelStatus
  private generation = 0
  private attempt = 0
  private client: OpenTunnel | null = null
  private abort: AbortController | null = null
  private retryTimer: unknown = null
  private checkTimer: unknown = null
  private graceTimer: unknown = null
  private checkFailures = 0
  private bypassReminder = false
  private reminderProbed = false
  private reminderSeen = false
  private lastOnlineUrl: string | null = null
  private readonly hosts = new Set<string>()
  private notice = ''
  /** Resolves the pending start() once its first attempt has an outcome. */
  private settle: (() => void) | null = null

  constructor(opts: TunnelManagerOptions) {
    super()
    this.opts = opts
    this.host = (opts.host ?? DEFAULT_TUNNEL_HOST).replace(/\/+$/, '')
    this.timers = opts.timers ?? realTimers
    this.log = opts.logger ?? silent
    this.selfChecks = opts.selfChecks ?? new SelfCheckRegistry()
    this.current = {
      state: 'disabled',
      url: null,
      reason: 'tunnel not started',
      since: this.stamp(),
    }
  }

  status(): TunnelStatus {
    return { ...this.current }
  }

  /** Every public hostname this manager has had (for marking tunnelled requests). */
  publicHosts(): string[] {
    return [...this.hosts]
  }

  /**
   * Starts (or restarts) the tunnel. Resolves with the status after the first attempt has
   * settled: online, offline (final error) or retrying with the reason.
   */
  start(): Promise<TunnelStatus> {
    this.settled()
    this.teardown()
    const gen = ++this.generation
    this.attempt = 0
    if (this.opts.subdomain !== undefined) {
      const problem = subdomainProblem(this.opts.subdomain)
      if (problem) {
        this.set('offline', null, `${problem}; the tunnel was not opened`)
        return Promise.resolve(this.status())
      }
    }
    this.set('connecting', null, `registering at ${this.host}`)
    return new Promise((resolve) => {
      this.settle = () => resolve(this.status())
      void this.connect(gen)
    })
  }

  /** Cancels a registration in flight, closes the sockets, stops the watchers. */
  stop(reason = 'stopped'): TunnelStatus {
    this.generation++
    this.teardown()
    this.set('disabled', null, reason)
    this.settled()
    return this.status()
  }

  private async connect(gen: number): Promise<void> {
    this.abort = new AbortController()
    let client: OpenTunnel
    try {
      const reg = await registerTunnel({
        host: this.host,
        subdomain: this.opts.subdomain,
        timeoutMs: this.opts.registerTimeoutMs ?? 15_000,
        signal: this.abort.signal,
        fetch: this.opts.fetch,
      })
      if (gen !== this.generation) return
      client = connectTunnel(reg, { host: this.host, localPort: this.opts.localPort })
    } catch (err) {
      if (gen !== this.generation) return
      const e = err as Error
      if (err instanceof RegistrationError && !err.retryable) {
        this.set('offline', null, `${e.message}; not retrying`)
        this.settled()
        return
      }
      this.scheduleRetry(gen, e.message)
      return
    }
    this.client = client
    const reg = client.registration
    this.notice =
      this.opts.subdomain && reg.id !== this.opts.subdomain
        ? `requested subdomain "${this.opts.subdomain}" but the server assigned "${reg.id}" (name taken?)`
        : ''
    // The same server shows the same reminder page to the new URL.
    if (this.reminderSeen)
      this.notice = [this.notice, REMINDER_EXPLANATION].filter(Boolean).join('; ')
    if (this.notice) this.log.warn(`tunnel: ${this.notice}`)
    client.onError((err) => this.fail(gen, `tunnel connection error: ${err.message}`))
    client.onSocketClosed(() => this.watchSockets(gen))
    const timeoutMs = this.opts.registerTimeoutMs ?? 15_000
    // Registered but no socket gets through (a firewall dropping the tunnel port silently):
    // without this the tunnel would sit in 'connecting' forever.
    this.graceTimer = this.timers.setTimeout(() => {
      this.graceTimer = null
      this.fail(gen, `no connection to ${reg.url}'s tunnel port ${reg.port} within ${timeoutMs} ms`)
    }, timeoutMs)
    client.onFirstSocket(() => {
      if (gen !== this.generation) return
      if (this.graceTimer) this.timers.clearTimeout(this.graceTimer)
      this.graceTimer = null
      this.online(gen, reg.url)
    })
  }

  private online(gen: number, url: string): void {
    this.attempt = 0
    this.checkFailures = 0
    this.hosts.add(hostOf(url))
    this.reminderProbed = false
    const previous = this.lastOnlineUrl
    this.lastOnlineUrl = url
    const changed = previous !== null && previous !== url
    const reason = ['tunnel online', this.notice].filter(Boolean).join('; ')
    this.set('online', url, reason, changed ? previous : undefined)
    if (changed) {
      this.log.warn(
        `tunnel: PUBLIC URL CHANGED ${previous} -> ${url}: re-point every agent that used the old URL`,
      )
    } else {
      this.log.info(`tunnel: online at ${url}`)
    }
    this.scheduleCheck(gen, true)
    this.settled()
  }

  private settled(): void {
    const settle = this.settle
    this.settle = null
    settle?.()
  }

  /** The first check soon after going online (proves the whole path), then every interval. */
  private scheduleCheck(gen: number, first = false): void {
    const interval = this.opts.selfCheckIntervalMs ?? 30_000
    if (interval <= 0) return
    const delay = first ? Math.min(interval, 2000) : interval
    this.checkTimer = this.timers.setTimeout(() => void this.check(gen), delay)
  }

  private async check(gen: number): Promise<void> {
    const url = this.current.url
    if (gen !== this.generation || !url) return
    const result = await this.selfCheck(url)
    if (gen !== this.generation) return
    if (result.ok) {
      this.checkFailures = 0
      if (!this.reminderProbed) await this.probeReminder(gen, url)
      if (gen !== this.generation) return
    } else if (result.reminder && !this.bypassReminder) {
      this.bypassReminder = true
      this.addNotice(url, REMINDER_EXPLANATION)
    } else if (result.fatal) {
      this.checkFailures++
      if (result.definitive || this.checkFailures >= (this.opts.selfCheckFailures ?? 2)) {
        this.fail(gen, result.reason)
        return
      }
    } else {
      // Reached the receiver but not answered: a wiring problem, not a broken tunnel.
      this.log.warn(`tunnel: ${result.reason}; self-checks stopped`)
      return
    }
    this.scheduleCheck(gen)
  }

  private selfCheck(url: string, userAgent?: string) {
    return runSelfCheck({
      publicUrl: url,
      registry: this.selfChecks,
      fetch: this.opts.fetch ?? fetch,
      timeoutMs: this.opts.selfCheckTimeoutMs ?? 10_000,
      signal: this.abort?.signal,
      bypassReminder: this.bypassReminder,
      userAgent,
    })
  }

  /** Once per URL: does the server put its reminder page in front of browser user agents? */
  private async probeReminder(gen: number, url: string): Promise<void> {
    this.reminderProbed = true
    if (this.bypassReminder) return
    const probe = await this.selfCheck(url, BROWSER_UA)
    if (gen === this.generation && probe.reminder) this.addNotice(url, REMINDER_EXPLANATION)
  }

  private addNotice(url: string, notice: string): void {
    if (notice === REMINDER_EXPLANATION) this.reminderSeen = true
    if (this.notice.includes(notice)) return
    this.log.warn(`tunnel: ${notice}`)
    this.notice = [this.notice, notice].filter(Boolean).join('; ')
    this.set('online', url, `tunnel online; ${this.notice}`, this.current.previousUrl)
  }

  private watchSockets(gen: number): void {
    if (gen !== this.generation || this.graceTimer || !this.client) return
    if (this.client.liveSockets() > 0) return
    this.graceTimer = this.timers.setTimeout(() => {
      this.graceTimer = null
      if (gen !== this.generation || !this.client) return
      if (this.client.liveSockets() === 0)
        this.fail(gen, 'every connection to the tunnel server closed')
    }, this.opts.socketGraceMs ?? 3000)
  }

  private fail(gen: number, reason: string): void {
    if (gen !== this.generation) return
    this.generation++
    this.teardown()
    this.scheduleRetry(this.generation, reason)
  }

  private scheduleRetry(gen: number, reason: string): void {
    const backoff = this.opts.backoff?.length ? this.opts.backoff : DEFAULT_BACKOFF
    const delay = Math.min(backoff[Math.min(this.attempt, backoff.length - 1)], MAX_BACKOFF)
    this.attempt++
    const state: TunnelState = this.lastOnlineUrl ? 'reconnecting' : 'connecting'
    const msg = `${reason}; retry ${this.attempt} in ${formatDelay(delay)}`
    this.set(state, null, msg, this.lastOnlineUrl)
    this.log.warn(`tunnel: ${msg}`)
    this.settled()
    this.retryTimer = this.timers.setTimeout(() => {
      this.retryTimer = null
      if (gen !== this.generation) return
      this.set(
        state,
        null,
        `registering at ${this.host} (attempt ${this.attempt + 1})`,
        this.lastOnlineUrl,
      )
      void this.connect(gen)
    }, delay)
  }

  private teardown(): void {
    this.abort?.abort()
    this.abort = null
    for (const t of [this.retryTimer, this.checkTimer, this.graceTimer]) {
      if (t) this.timers.clearTimeout(t)
    }
    this.retryTimer = this.checkTimer = this.graceTimer = null
    this.client?.close()
    this.client = null
  }

  private set(
    state: TunnelState,
    url: string | null,
    reason: string,
    previousUrl?: string | null,
  ): void {
    this.current = { state, url, reason, since: this.stamp() }
    if (previousUrl) this.current.previousUrl = previousUrl
    this.emit('status', this.status())
  }

  private stamp(): string {
    return (this.opts.now?.() ?? new Date()).toISOString()
  }
}

function formatDelay(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(ms % 1000 ? 1 : 0)} s` : `${ms} ms`
}
