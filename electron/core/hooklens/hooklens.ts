/**
 * The composition root: opens settings and the event log in a data dir, creates the parts
 * (receiver, capture, replay and forwarding, the tunnel, re-verification, the Agent lens), joins
 * them with plain functions, builds the API once (`api`) and routes every push (`subscribe`).
 * Transports (the CLI, the control server, Electron IPC) only call `api` and `subscribe`.
 */
import { EventEmitter } from 'node:events'
import type { FastifyInstance } from 'fastify'
import type { ApiHandlers, ApiPush, StatusInfo, TunnelStatus } from '../../../shared/api'
import { build as buildReceiver } from '../receiver/receiver'
import { sourceRefusal } from '../receiver/allow-list'
import { removeRuntimeInfo, writeRuntimeInfo } from '../share/runtime-info'
import { makePrivateDir } from '../settings/private-dir'
import { openSettings, type SettingsStore } from '../settings/settings-store'
import type { Settings, StoredVerifier } from '../settings/settings-types'
import { EventStore } from '../store/event-store'
import { ReplayService } from '../replay/replay-service'
import { TunnelService, type TunnelServiceOptions } from '../tunnel/hooklens-tunnel'
import { emptyAnalyzers, type Analyzers } from './analyzers'
import { createApi } from './api'
import { createCapture } from './capture'
import { routePushes, type CoreEvents } from './pushes'
import { usableVerifiers, withSessionOverrides, type SessionOverrides } from './session-settings'
import { Reverifier } from './reverify'
import { A2AShareService } from './a2a-share-service'
import { StallMonitor } from './stall-monitor'
import { applySnapshot, saveSnapshot, takeSnapshot } from './analysis-snapshot'
import type { LensContext } from './analyzers'
import { DEFAULT_LENS_SETTINGS, type LensSettings } from '../inspect/lens'

export interface Logger {
  info(message: string): void
  warn(message: string): void
}

/** How to run; the SessionOverrides part is --max-body, the timeouts and --respond*. */
export interface HooklensOptions extends SessionOverrides {
  dataDir: string
  port?: number
  host?: string
  /** Verifiers for this session only (CLI --secret), tried before the saved ones. */
  sessionVerifiers?: StoredVerifier[]
  fsync?: boolean
  /** A settings store to use instead of the data dir's settings.json (the desktop's). */
  settings?: SettingsStore
  /** Forward every captured event to these URLs for this session (listen --forward-to). */
  forwardTo?: string[]
  /** The tunnel's session options (listen --tunnel-host, --subdomain; tests: timings). */
  tunnel?: TunnelServiceOptions
  analyzers?: Analyzers
  logger?: Logger
  version?: string
  /** Clock for stall detection (tests set it minutes ahead instead of waiting). */
  clock?: () => number
}

const silent: Logger = { info: () => undefined, warn: () => undefined }

export class Hooklens extends EventEmitter<CoreEvents> {
  receiver!: FastifyInstance
  receiverUrl = ''
  receiverPort = 0
  /** The control API's origin and token, published in runtime.json for `hooklens mcp`. */
  control: { url: string; token: string } | null = null
  readonly startedAt = new Date().toISOString()
  private paused = false
  /** How start-up rebuilt the duplicate and lens state: the last clean stop's snapshot, or a replay. */
  analysisFrom: 'snapshot' | 'replay' = 'replay'
  readonly reverifier: Reverifier
  /** Agent lens: stall detection and `share a2a` from the API. */
  readonly stallMonitor: StallMonitor
  readonly a2aShare: A2AShareService
  /** The public tunnel: created here like replay, opened by `openTunnel()` once listening. */
  readonly tunnel: TunnelService
  /** Every method of the contract, built once from the parts above. */
  readonly api: ApiHandlers
  private lastOnlineUrl: string | null = null
  private effective: { saved: Settings; value: Settings } | null = null
  private tunnelStatus: TunnelStatus
  private readonly usableVerifiers: ReturnType<typeof usableVerifiers>

  private constructor(
    readonly opts: HooklensOptions,
    readonly settings: SettingsStore,
    readonly store: EventStore,
    readonly analyzers: Analyzers,
    readonly logger: Logger,
    readonly replay: ReplayService,
  ) {
    super()
    this.usableVerifiers = usableVerifiers((m) => logger.warn(m))
    this.reverifier = new Reverifier({
      store,
      analyzers,
      verifiers: () => this.verifiers(),
      urls: () => this.urls(),
      logger,
    })
    this.stallMonitor = new StallMonitor({
      analyzers,
      store,
      settings: () => this.lensSettings(),
      now: opts.clock ?? Date.now,
      onStall: (stall) => this.emit('stalled', stall),
      logger,
    })
    this.a2aShare = new A2AShareService({
      dataDir: opts.dataDir,
      settings,
      publicUrl: () => this.tunnelStatus.url,
      verifiersChanged: () => this.reverifier.verifiersMaybeChanged(),
      onReregistered: (note) => this.emit('a2aReregistered', note),
      logger,
    })
    this.tunnel = new TunnelService(
      {
        settings,
        receiverPort: () => this.receiverPort,
        receiverHost: () => this.receiverHost(),
        logger,
      },
      opts.tunnel,
    )
    this.tunnelStatus = this.tunnel.status()
    this.api = createApi({
      store,
      settings,
      capture: { status: () => this.status(), setPaused: (p) => this.setPaused(p) },
      sessionVerifiers: opts.sessionVerifiers ?? [],
      verifiersChanged: () => this.reverifier.verifiersMaybeChanged(),
      replay,
      tunnel: this.tunnel,
      exports: { baseUrl: () => this.receiverUrl, version: this.version() },
      a2aShare: this.a2aShare,
    })
  }

  /** Joins the parts: each reacts to the others' events; pushes go through one route. */
  private wire(): void {
    const { store, analyzers, replay, settings } = this
    // Duplicate state stays bounded and in step with what the log keeps.
    store.on('evicted', (ids: string[]) => analyzers.forgetIdempotency?.(ids))
    store.on('cleared', () => analyzers.clearIdempotency())
    // Forwarding only enqueues the bytes in hand: it never delays the answer to the sender.
    this.on('captured', ({ event, body }) => replay.onCaptured(event, body))
    this.tunnel.onStatus((s) => this.setTunnelStatus(s))
    settings.onChange((next) => {
      store.setRetention(next.retention)
      this.reverifier.verifiersMaybeChanged()
      this.emit('statusChanged')
    })
    routePushes({ core: this, store, deliveries: replay, status: () => this.status() })
  }

  /** What the Agent lens needs for a request on `path`. */
  lensContext(path: string): LensContext {
    return { settings: this.lensSettings(), registration: this.a2aShare.registrationFor(path) }
  }

  lensSettings(): LensSettings {
    // Settings stores validate against defaults; the fallback covers hand-made test stores.
    return this.settings.get().agentLens ?? DEFAULT_LENS_SETTINGS
  }

  static async create(opts: HooklensOptions): Promise<Hooklens> {
    const logger = opts.logger ?? silent
    // 0700 / 0600, tightening what an older version left open (12.8).
    makePrivateDir(opts.dataDir, { logger })
    const settings = opts.settings ?? openSettings(opts.dataDir, { logger, watch: true })
    const s = settings.get()
    const store = await EventStore.open({
      dir: opts.dataDir,
      maxEvents: s.retention.maxEvents,
      maxBytes: s.retention.maxBytes,
      fsync: opts.fsync,
      logger,
    })
    const analyzers = opts.analyzers ?? emptyAnalyzers()
    // The last clean stop's snapshot of what the replay rebuilds, if it is this log's; else the
    // replay (a crash, an older version, events written or dropped by another process since).
    const snapshot = takeSnapshot(opts.dataDir)
    const digestOf = (id: string) => {
      const meta = store.meta(id)
      return meta ? { sha256: meta.sha256, status: meta.idempotency.status } : null
    }
    const fromSnapshot =
      snapshot !== null && applySnapshot(snapshot, store.stamp(), analyzers, digestOf)
    if (fromSnapshot) store.dropStartupHints()
    else for (const e of store.startupMetas()) analyzers.replayIdempotency(e)
    let replay: ReplayService
    try {
      replay = await ReplayService.open({
        dataDir: opts.dataDir,
        events: store,
        verifiers: () => hooklens.verifiers(),
        rules: () => settings.get().forwardRules,
        sessionTargets: opts.forwardTo,
        limits: s.deliveries,
        logger,
      })
    } catch (err) {
      await store.close()
      throw err
    }
    // Files the stores just created (with the process umask) are made private too, quietly.
    makePrivateDir(opts.dataDir)
    const hooklens: Hooklens = new Hooklens(opts, settings, store, analyzers, logger, replay)
    hooklens.analysisFrom = fromSnapshot ? 'snapshot' : 'replay'
    hooklens.stallMonitor.skipHistory()
    hooklens.wire()
    return hooklens
  }

  /** Effective settings: saved settings with this session's overrides applied. */
  effectiveSettings(): Settings {
    const saved = this.settings.get()
    // Built once per settings change, not once per request (capture asks for every request);
    // the settings store hands out a new object on every change.
    if (this.effective?.saved !== saved) {
      this.effective = { saved, value: withSessionOverrides(saved, this.opts) }
    }
    return this.effective.value
  }

  /** The verifiers capture, re-verification and replay use (session ones first). */
  verifiers(): StoredVerifier[] {
    return this.usableVerifiers(this.opts.sessionVerifiers ?? [], this.settings.get().verifiers)
  }

  async start(): Promise<void> {
    const s = this.effectiveSettings()
    const tunnelHooks = this.tunnel.captureHooks()
    const capture = createCapture({
      store: this.store,
      analyzers: this.analyzers,
      settings: () => this.effectiveSettings(),
      verifiers: () => this.verifiers(),
      urls: () => this.urls(),
      selfCheck: tunnelHooks.selfCheck,
      // Optional source allow-list (settings.allowList): others get 403, recorded as rejected.
      refuse: sourceRefusal(() => this.settings.get().allowList),
      warnings: tunnelHooks.warnings,
      paused: () => this.paused,
      lens: (path) => this.lensContext(path),
      // The body rides along: listen --json prints it, forwarding sends it, nobody re-reads it.
      onCaptured: (captured) => this.emit('captured', captured),
    })
    this.receiver = buildReceiver({
      maxBodyBytes: s.receiver.maxBodyBytes,
      onRequest: capture,
      headersTimeoutMs: s.receiver.headersTimeoutSec * 1000,
      bodyTimeoutMs: s.receiver.bodyTimeoutSec * 1000,
      isTunnel: this.tunnel.isTunnel,
      logger: this.logger,
    })
    await this.receiver.listen({
      port: this.opts.port ?? s.receiver.port,
      host: this.receiverHost(),
    })
    const address = this.receiver.server.address()
    this.receiverPort = typeof address === 'object' && address ? address.port : 0
    this.receiverUrl = `http://${urlHost(this.receiverHost())}:${this.receiverPort}`
    await this.writeRuntime()
    this.stallMonitor.start()
  }

  /**
   * Opens the tunnel, once the receiver listens, when settings.tunnel.enabled says so; returns
   * whether it did. Not awaited: a slow or unreachable tunnel server must not hold up the rest,
   * and every outcome arrives as a status (`tunnel.onStatus`, the `tunnelStatus` push).
   */
  openTunnel(): boolean {
    if (!this.settings.get().tunnel.enabled) return false
    void this.tunnel.start().catch((err: Error) => this.logger.warn(`tunnel: ${err.message}`))
    return true
  }

  async stop(): Promise<void> {
    this.tunnel.stop('hooklens stopped')
    this.stallMonitor.stop()
    await this.receiver?.close()
    this.reverifier.close()
    await this.reverifier.idle()
    await this.replay.close()
    removeRuntimeInfo(this.opts.dataDir)
    this.settings.close()
    await this.store.close()
    // After the last append: what the next start would otherwise rebuild by a replay.
    await saveSnapshot(this.opts.dataDir, this.store.stamp(), this.analyzers, (id) =>
      this.store.has(id),
    ).catch((err: Error) =>
      this.logger.warn(`could not save the analysis snapshot: ${err.message}`),
    )
  }

  status(): StatusInfo {
    return {
      receiverUrl: this.receiverUrl,
      receiverPort: this.receiverPort,
      publicUrl: this.tunnelStatus.url,
      tunnel: this.tunnelStatus,
      eventCount: this.store.count,
      dataDir: this.opts.dataDir,
      paused: this.paused,
      version: this.version(),
    }
  }

  /** Paused capture still answers senders (the same answer) but stores nothing. */
  setPaused(paused: boolean): void {
    this.paused = paused
    this.emit('statusChanged')
  }

  /** What the tunnel reports (and tests stand in for it): runtime.json, the push, A2A. */
  setTunnelStatus(status: TunnelStatus): void {
    this.tunnelStatus = status
    this.emit('tunnelStatus', status)
    void this.writeRuntime()
    if (status.state === 'online' && status.url && status.url !== this.lastOnlineUrl) {
      // A new URL (a rebuilt tunnel, or a restart): agents still push to the old one.
      this.lastOnlineUrl = status.url
      void this.a2aShare.tunnelUrlChanged(status.url)
    }
  }

  /** The control API's origin and token (`hooklens mcp` finds them in the 0600 runtime.json). */
  setControl(control: { url: string; token: string } | null): void {
    this.control = control
    void this.writeRuntime()
  }

  subscribe(listener: (push: ApiPush) => void): () => void {
    this.on('push', listener)
    return () => this.off('push', listener)
  }

  private urls(): { local: string; public: string | null } {
    return { local: this.receiverUrl, public: this.tunnelStatus.url }
  }

  private receiverHost(): string {
    return this.opts.host ?? this.settings.get().receiver.host
  }

  private version(): string {
    return this.opts.version ?? '0.1.0'
  }

  /** Publishes where this process listens (for `share`, `send`), atomically. */
  private async writeRuntime(): Promise<void> {
    if (!this.receiverUrl) return
    try {
      writeRuntimeInfo(this.opts.dataDir, {
        pid: process.pid,
        startedAt: this.startedAt,
        receiverUrl: this.receiverUrl,
        receiverPort: this.receiverPort,
        publicUrl: this.tunnelStatus.url,
        tunnel: this.tunnelStatus,
        uiUrl: null, // the UI URL carries a token: other processes never get it from a file
        // …except local API clients (`hooklens mcp`) of the same user: the file is 0600.
        control: this.control,
      })
    } catch (err) {
      this.logger.warn(`could not write runtime.json: ${(err as Error).message}`)
    }
  }
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1'
  return host.includes(':') ? `[${host}]` : host
}

export async function createHooklens(opts: HooklensOptions): Promise<Hooklens> {
  return Hooklens.create(opts)
}
