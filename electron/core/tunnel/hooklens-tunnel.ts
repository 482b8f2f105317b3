/**
 * The tunnel as the composition root uses it: gives the capture path its hooks (self-checks
 * answered before capture and never stored, tunnelled requests marked, warnings near the public
 * server's body cap), reports every status to `onStatus` listeners (the composition root pushes
 * it as `tunnelStatus` and writes runtime.json), and implements the tunnel API methods
 * (getTunnelStatus, startTunnel, stopTunnel, shareSnippets).
 */
import type { ApiHandlers, TunnelStatus } from '../../../shared/api'
import type { HeaderPair } from '../../../shared/event'
import type { CaptureHooks } from '../hooklens/capture'
import type { SettingsStore } from '../settings/settings-store'
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

/** What the tunnel needs of the rest of the core, and nothing more. */
export interface TunnelServiceDeps {
  settings: Pick<SettingsStore, 'get' | 'update'>
  /** The receiver's port once it listens (0 before). */
  receiverPort: () => number
  /** The address the receiver is bound to (the session's --host, else settings). */
  receiverHost: () => string
  logger: { info(message: string): void; warn(message: string): void }
}

/** The receiver's side of the tunnel: marks tunnelled requests (given to the receiver). */
export type IsTunnel = (headers: HeaderPair[], remoteAddress: string) => boolean

export class TunnelService {
  private manager: TunnelManager | null = null
  private readonly selfChecks = new SelfCheckRegistry()
  private readonly hosts = new Set<string>()
  private readonly listeners = new Set<(s: TunnelStatus) => void>()
  private currentHost: string | null = null
  /** The last status when no manager runs (not started, or refused before starting one). */
  private idle: TunnelStatus = {
    state: 'disabled',
    url: null,
    reason: 'tunnel not started',
    since: new Date().toISOString(),
  }

  constructor(
    private readonly deps: TunnelServiceDeps,
    private readonly opts: TunnelServiceOptions = {},
  ) {}

  /** The capture path's tunnel hooks: self-check answers and body-cap warnings. */
  captureHooks(): Required<Pick<CaptureHooks, 'selfCheck' | 'warnings'>> {
    return {
      selfCheck: (raw) => {
        const a = this.selfChecks.answer(raw.method, raw.path, raw.headers)
        return a
          ? { status: a.status, headers: [['content-type', a.contentType]], body: a.body }
          : null
      },
      warnings: (raw) => {
        if (raw.via !== 'tunnel') return []
        const cap = this.bodyCap()
        const w = cap ? tunnelBodyWarning(raw.declaredSize ?? raw.body.length, cap) : null
        return w ? [w] : []
      },
    }
  }

  /** Whether a request came through the tunnel (the receiver asks before capture). */
  readonly isTunnel: IsTunnel = (headers, remoteAddress) =>
    classifyTunnelRequest(headers, remoteAddress, this.publicHosts(), this.active()).via ===
    'tunnel'

  status(): TunnelStatus {
    return this.manager?.status() ?? this.idle
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
    const localPort = this.deps.receiverPort()
    if (!localPort) throw new Error('the receiver is not listening yet')
    const bound = this.deps.receiverHost()
    if (!reachableAsLocalhost(bound)) {
      // The localtunnel client always dials "localhost"; its local_host option (the only way
      // to change that) corrupts binary bodies, so Hooklens never uses it.
      const status: TunnelStatus = {
        state: 'offline',
        url: null,
        reason: `the receiver listens on ${bound} only; the tunnel client connects to localhost, so bind the receiver to 127.0.0.1 or 0.0.0.0 to use the tunnel`,
        since: new Date().toISOString(),
      }
      this.idle = status
      for (const l of this.listeners) l(status)
      return status
    }
    const saved = this.deps.settings.get().tunnel
    const host = arg.host ?? this.opts.host ?? saved.host ?? undefined
    const subdomain = arg.subdomain ?? this.opts.subdomain ?? saved.subdomain ?? undefined
    this.currentHost = host ?? null
    this.publicHosts()
    this.manager?.stop('restarting')
    this.manager?.removeAllListeners('status')
    const manager = new TunnelManager({
      localPort,
      host,
      subdomain: subdomain || undefined,
      logger: this.deps.logger,
      ...this.opts.manager,
      selfChecks: this.selfChecks,
    })
    this.manager = manager
    manager.on('status', (s) => {
      if (this.manager !== manager) return
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
  api(): ApiHandlers<'getTunnelStatus' | 'startTunnel' | 'stopTunnel' | 'shareSnippets'> {
    const { settings } = this.deps
    return {
      getTunnelStatus: async () => this.status(),
      startTunnel: async (arg) => {
        const saved = settings.get().tunnel
        settings.update({
          tunnel: {
            enabled: true,
            host: arg?.host ?? saved.host,
            subdomain: arg?.subdomain ?? saved.subdomain,
          },
        })
        return this.start(arg ?? {})
      },
      stopTunnel: async () => {
        settings.update({ tunnel: { ...settings.get().tunnel, enabled: false } })
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
