/**
 * The replay area as the composition root uses it: the delivery log, the forwarder fed by
 * captured events, and the API methods `replayEvent`, `listDeliveries` and `redrive`. Secrets
 * come from the configured verifiers only; nothing here returns or logs one.
 */
import type { CapturedEvent, EventSummary } from '../../../shared/event'
import type { ApiArg, ApiHandlers } from '../../../shared/api'
import { decodeBody } from '../store/body-encoding'
import { DeliveryStore } from './delivery-store'
import { rulesFromTargets, type ForwardRule } from './forward-rules'
import { Forwarder, type ForwarderOptions } from './forwarder'
import { replayRequest } from './replay'
import type { SecretSources, VerifierLike } from './signers'
import type { Delivery, DeliveryStatus } from './types'

export interface ReplayServiceDeps {
  dataDir: string
  /** The event log (EventStore): full events and their exact bytes. */
  events: {
    getFull(id: string): Promise<CapturedEvent | null>
    readBody(id: string): Promise<Buffer | null>
    /** Whether the event is still kept (an index lookup: false once retention dropped it). */
    has(id: string): boolean
  }
  /** Verifiers with their secrets (session ones first), read on every replay. */
  verifiers: () => VerifierLike[]
  /** Saved forwarding rules (settings.forwardRules), read for every captured event. */
  rules?: () => ForwardRule[]
  /** `listen --forward-to` targets for this session. */
  sessionTargets?: string[]
  forwarder?: Omit<ForwarderOptions, 'store' | 'rules'>
  /** Bounds of the delivery log (settings.deliveries); defaults 10,000 records, 32 MiB. */
  limits?: { maxRecords?: number; maxBytes?: number }
  logger?: { warn(message: string): void }
}

export class ReplayService {
  private sessionRules: ForwardRule[]

  private constructor(
    private readonly deps: ReplayServiceDeps,
    readonly deliveries: DeliveryStore,
    readonly forwarder: Forwarder,
  ) {
    this.sessionRules = rulesFromTargets(deps.sessionTargets ?? [], 'session')
  }

  /** Opens the delivery log and resumes forwards a previous run left pending. */
  static async open(deps: ReplayServiceDeps): Promise<ReplayService> {
    const deliveries = await DeliveryStore.open({
      dir: deps.dataDir,
      maxRecords: deps.limits?.maxRecords,
      maxBytes: deps.limits?.maxBytes,
      logger: deps.logger,
    })
    const forwarder = new Forwarder({
      ...deps.forwarder,
      store: deliveries,
      // Records reference the event's bytes: a forward queued by capture sends the bytes it had
      // in hand; one resumed after a restart, or redriven, reads them from the event log.
      readBody: (id) => deps.events.readBody(id),
      isKept: (id) => deps.events.has(id),
      verifiers: deps.verifiers,
    })
    const service = new ReplayService(deps, deliveries, forwarder)
    forwarder.resume()
    return service
  }

  /** `accept` narrows which events go to these targets (listen --events / --path). */
  setSessionTargets(
    targets: string[],
    accept?: ForwardRule['accept'],
    setHeaders?: ForwardRule['setHeaders'],
  ): void {
    this.sessionRules = rulesFromTargets(targets, 'session').map((r) => ({
      ...r,
      accept,
      ...(setHeaders?.length ? { setHeaders } : {}),
    }))
  }

  rules(): ForwardRule[] {
    const saved = this.deps.rules?.() ?? []
    // Asked for every captured event: no new array when either list is empty (the usual case;
    // both lists are replaced on change, never changed in place).
    if (saved.length === 0) return this.sessionRules
    if (this.sessionRules.length === 0) return saved
    return [...this.sessionRules, ...saved]
  }

  /**
   * Call for every captured event with the bytes capture has in hand. Never waits on the
   * network and never reads the body back: it only queues, so per-target order is capture order.
   */
  onCaptured(event: EventSummary, body: Buffer): void {
    const rules = this.rules()
    if (rules.length === 0 || event.rejected) return
    try {
      this.forwarder.setRules(rules)
      this.forwarder.enqueue(event, body)
    } catch (err) {
      this.deps.logger?.warn(`forwarding ${event.id}: ${(err as Error).message}`)
    }
  }

  async replay(
    arg: ApiArg<'replayEvent'>,
    overrides?: SecretSources['overrides'],
  ): Promise<Delivery> {
    const event = await this.deps.events.getFull(arg.id)
    if (!event) throw new Error(`no event ${arg.id}`)
    return replayStored(
      event,
      arg,
      { verifiers: this.deps.verifiers(), overrides },
      this.deliveries,
    )
  }

  async listDeliveries(arg: ApiArg<'listDeliveries'> = {}): Promise<Delivery[]> {
    await this.deliveries.refresh()
    return this.deliveries
      .list({
        eventId: arg.eventId,
        status: arg.status ? (arg.status.split(',') as DeliveryStatus[]) : undefined,
        limit: arg.limit,
      })
      .map((d) => this.withEventState(d))
  }

  /** Says so when the event a record sent was dropped by retention; the record stays readable. */
  withEventState(d: Delivery): Delivery {
    if (d.request.bodySource === 'edited' || this.deps.events.has(d.eventId)) return d
    return {
      ...d,
      eventEvicted: true,
      notes: [
        ...d.notes,
        `event ${d.eventId} was dropped by retention: its body can no longer be sent (headers, answer and error are kept here)`,
      ],
    }
  }

  async redrive(arg: ApiArg<'redrive'>): Promise<{ redriven: number }> {
    // A `hooklens redrive` in another process may already have delivered some.
    await this.deliveries.refresh()
    if (arg.all) return { redriven: await this.forwarder.redriveAll() }
    if (!arg.id) throw new Error('redrive needs a delivery id or all: true')
    const d = this.deliveries.get(arg.id)
    if (!d) throw new Error(`no delivery ${arg.id}`)
    if (!(await this.forwarder.redrive(arg.id))) {
      throw new Error(
        `delivery ${arg.id} is ${d.status}: only dead or failed deliveries can be redriven`,
      )
    }
    return { redriven: 1 }
  }

  /** The API methods this area implements, for `createApi({ replay, ... })`. */
  api(): ApiHandlers<'replayEvent' | 'listDeliveries' | 'redrive'> {
    return {
      replayEvent: (arg) => this.replay(arg),
      listDeliveries: (arg) => this.listDeliveries(arg),
      redrive: (arg) => this.redrive(arg),
    }
  }

  /** Every new or changed delivery (for the `deliveryResult` push). */
  subscribe(listener: (d: Delivery) => void): () => void {
    return this.deliveries.subscribe(listener)
  }

  async close(): Promise<void> {
    await this.forwarder.stop()
    await this.deliveries.close()
  }
}

/**
 * A `replayEvent` call on a stored event: its exact bytes, or the edited body, to `arg.to`,
 * recorded in `store`. The service and `hooklens mcp`'s read-only backend both replay this way.
 */
export function replayStored(
  event: CapturedEvent,
  arg: ApiArg<'replayEvent'>,
  secrets: SecretSources,
  store: DeliveryStore,
): Promise<Delivery> {
  return replayRequest({
    event,
    body: decodeBody(event.body, event.bodyEncoding),
    to: arg.to,
    appendPath: arg.appendPath,
    setHeaders: arg.setHeaders,
    removeHeaders: arg.removeHeaders,
    bodyOverride:
      arg.body !== undefined ? decodeBody(arg.body, arg.bodyEncoding ?? 'utf8') : undefined,
    timeoutMs: arg.timeoutMs,
    resign: arg.resign,
    newId: arg.newId,
    secrets,
    store,
  })
}
