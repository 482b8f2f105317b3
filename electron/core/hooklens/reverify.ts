/**
 * Re-verifies stored events when the verifiers change (a secret added, rotated or removed), in
 * the background and oldest first, as of each event's own `receivedAt`. Only verdicts that
 * changed are written and pushed, so a large log costs one pass of reads, not a rewrite.
 */
import type { EventSummary, Verification } from '../../../shared/event'
import type { StoredVerifier } from '../settings/settings-types'
import type { EventStore } from '../store/event-store'
import type { Analyzers } from './analyzers'
import { analysisInput, type ReceiverUrls } from './analysis-input'

export interface ReverifyDeps {
  store: EventStore
  analyzers: Analyzers
  verifiers: () => StoredVerifier[]
  urls: () => ReceiverUrls
  logger?: { info(message: string): void; warn(message: string): void }
}

export class Reverifier {
  private running: Promise<number> | null = null
  private again = false
  private closed = false
  private lastKey: string

  constructor(private readonly deps: ReverifyDeps) {
    this.lastKey = keyOf(deps.verifiers())
  }

  /** Call whenever settings change; starts a pass only when the verifiers really changed. */
  verifiersMaybeChanged(): void {
    if (this.closed) return
    const key = keyOf(this.deps.verifiers())
    if (key === this.lastKey) return
    this.lastKey = key
    void this.run()
  }

  /** Runs a pass (or queues one after the current pass); resolves with how many changed. */
  run(): Promise<number> {
    if (this.closed) return this.running ?? Promise.resolve(0)
    if (this.running) {
      this.again = true
      return this.running
    }
    this.running = this.pass().finally(() => {
      this.running = null
      if (this.again) {
        this.again = false
        void this.run()
      }
    })
    return this.running
  }

  /**
   * No pass starts after this, and a running one stops at its next event: on shutdown the store
   * closes its segments, and a settings reload can still arrive while the other parts close.
   */
  close(): void {
    this.closed = true
    this.again = false
  }

  /** Waits for the current pass, if any (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running
  }

  private async pass(): Promise<number> {
    const { store, analyzers, logger } = this.deps
    const verifiers = this.deps.verifiers()
    const ids = Array.from(store.metas(), (m) => m.id)
    let changed = 0
    for (const id of ids) {
      if (this.closed) break
      const event = store.get(id)
      if (!event || event.rejected) continue
      const body = await store.readBody(id).catch(() => null)
      if (!body) continue
      const verification = await analyzers.verify(this.inputFor(event, body), verifiers)
      if (sameVerdict(event.verification, verification)) continue
      await store.update(id, { verification })
      changed++
    }
    if (changed > 0) logger?.info(`re-verified stored events: ${changed} verdicts changed`)
    return changed
  }

  private inputFor(e: EventSummary, body: Buffer) {
    // As of the event's own arrival: a timestamped signature is judged against receivedAt.
    return analysisInput({ ...e, receivedAt: new Date(e.receivedAt), body }, this.deps.urls())
  }
}

function keyOf(verifiers: StoredVerifier[]): string {
  return JSON.stringify(verifiers)
}

function sameVerdict(a: Verification, b: Verification): boolean {
  return a.status === b.status && a.scheme === b.scheme && a.reason === b.reason
}
