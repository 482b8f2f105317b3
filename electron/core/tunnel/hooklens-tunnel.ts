/**
 * Joins the tunnel to a running Hooklens: answers self-checks before capture (never stored),
 * marks tunnelled requests, warns near the public server's body cap, mirrors every status
 * into `hooklens.setTunnelStatus` (pushed as `tunnelStatus`, written to runtime.json), and
 * implements the tunnel API methods (getTunnelStatus, startTunnel, stopTunnel, shareSnippets).
 */
import type { TunnelStatus } from '../../../shared/api'
import type { Hooklens } from '../hooklens/hooklens'
import type { PartialApiImpl } from '../hooklens/api-types'
import { shareSnippets } from '../share/snippets'
import { SelfCheckRegistry } from './self-check'
import { DEFAULT_TUNNEL_HOST, TunnelManager, type TunnelManagerOptions } from './tunnel-manager'
import { TUNNEL_BODY_CAP, classifyTunnelRequest, hostOf, tunnelBodyWarning } from './tunnel-rules'

export interface TunnelServiceOptions {
  /** Session overrides (CLI flags); otherwise settings.tunnel is used. */
  host?: string
  subdomain?: string
  /** Extra manager options (tests: short backoff, injected fetch, ...). */
  manager?: Partial<TunnelManagerOptions>
  /**
   * Body size the public server refuses above, for warnings. Default: localtunnel.me's ~1 MB
   * when using it, none for a self-hosted server (whose limit we cannot know).
   */
  bodyCap?: number | null
}

const services = new WeakMap<Hooklens, TunnelService>()

/** The tunnel service attached to this Hooklens, if any (for transports building the API). */
export function tunnelServiceOf(h: Hooklens): TunnelService | undefined {
  return services.get(h)
}

export class TunnelService {
  private manager: TunnelManager | null = null
  private readonly selfChecks = new SelfCheckRegistry()
  private readonly hosts = new Set<string>()
  private readonly listeners = new Set<(s: TunnelStatus) => void>()
  private currentHost: string | null = null

  constructor(
    private readonly h: Hooklens,
    private readonly opts: TunnelServiceOptions = {},
  ) {}

  /** Installs the capture hooks; call once, before or after the receiver started. */
  attach(): this {
    services.set(this.h, this)
    const hooks = this.h.captureHooks
    hooks.intercept.push((raw) => {
      const a = this.selfChecks.answer(raw.method, raw.path, raw.headers)
      return a
        ? { status: a.status, headers: [['content-type', a.contentType]], body: a.body }
        : null
    })
    hooks.isTunnel.push(
      ({ headers, remoteAddress }) =>
        classifyTunnelRequest(headers, remoteAddress, this.publicHosts(), this.active()).via ===
        'tunnel',
    )
    hooks.warnings.push((raw) => {
      if (raw.via !== 'tunnel') return []
      const cap = this.bodyCap()
      const w = cap ? tunnelBodyWarning(raw.declaredSize ?? raw.body.length, cap) : null
      return w ? [w] : []
    })
    return this
  }

  status(): TunnelStatus {
    return this.manager?.status() ?? this.h.tunnel
  }

  /** Every status change, as the manager reports it. */
  onStatus(listener: (s: TunnelStatus) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  publicHosts(): string[] {
    for (const host of this.manager?.publicHosts() ?? []) this.hosts.add(host)
    return [...this.hosts]
  }

  async start(arg: { host?: string; subdomain?: string } = {}): Promise<TunnelStatus> {
    if (!this.h.receiverPort) throw new Error('the receiver is not listening yet')
    const bound = this.h.opts.host ?? this.h.settings.get().receiver.host
    if (!reachableAsLocalhost(bound)) {
      // The localtunnel client always dials "localhost"; its local_host option (the only way
      // to change that) corrupts binary bodies, so Hooklens never uses it.
      const status: TunnelStatus = {
        state: 'offline',
        url: null,
        reason: `the receiver listens on ${bound} only; the tunnel client connects to localhost, so bind the receiver to 127.0.0.1 or 0.0.0.0 to use the tunnel`,
        since: new Date().toISOString(),
      }
      this.h.setTunnelStatus(status)
      for (const l of this.listeners) l(status)
      return status
    }
    const saved = this.h.settings.get().tunnel
    const host = arg.host ?? this.opts.host ?? saved.host ?? undefined
    const subdomain = arg.subdomain ?? this.opts.subdomain ?? saved.subdomain ?? undefined
    this.currentHost = host ?? null
    this.publicHosts()
    this.manager?.stop('restarting')
    this.manager?.removeAllListeners('status')
    const manager = new TunnelManager({
      localPort: this.h.receiverPort,
      host,
      subdomain: subdomain || undefined,
      logger: this.h.logger,
      ...this.opts.manager,
      selfChecks: this.selfChecks,
    })
    this.manager = manager
    manager.on('status', (s) => {
      if (this.manager !== manager) return
      this.h.setTunnelStatus(s)
      for (const l of this.listeners) l(s)
    })
    return manager.start()
  }

  stop(reason = 'stopped'): TunnelStatus {
    if (!this.manager) return this.status()
    this.publicHosts()
    return this.manager.stop(reason)
  }

  /**
   * The API methods. startTunnel/stopTunnel are the desktop toggle: they also save the choice
   * (settings.tunnel) so the next start does the same; the CLI's own start/stop do not.
   */
  api(): PartialApiImpl {
    return {
      getTunnelStatus: async () => this.status(),
      startTunnel: async (arg) => {
        const saved = this.h.settings.get().tunnel
        this.h.settings.update({
          tunnel: {
            enabled: true,
            host: arg?.host ?? saved.host,
            subdomain: arg?.subdomain ?? saved.subdomain,
          },
        })
        return this.start(arg ?? {})
      },
      stopTunnel: async () => {
        this.h.settings.update({ tunnel: { ...this.h.settings.get().tunnel, enabled: false } })
        return this.stop()
      },
      shareSnippets: async (arg) =>
        shareSnippets({ publicUrl: this.status().url, path: arg?.path }),
    }
  }

  private bodyCap(): number | null {
    if (this.opts.bodyCap !== undefined) return this.opts.bodyCap
    const host = this.currentHost ?? DEFAULT_TUNNEL_HOST
    return /(^|\.)(localtunnel\.me|loca\.lt)$/i.test(hostOf(host)) ? TUNNEL_BODY_CAP : null
  }

  private active(): boolean {
    return (this.manager?.status().state ?? 'disabled') !== 'disabled'
  }
}

function reachableAsLocalhost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase()
  return ['localhost', '127.0.0.1', '::1', '0.0.0.0', '::'].includes(h)
}

export function attachTunnel(h: Hooklens, opts: TunnelServiceOptions = {}): TunnelService {
  return new TunnelService(h, opts).attach()
}
