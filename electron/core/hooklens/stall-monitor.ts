/**
 * Watches for stalled subjects (Agent lens): on a tick, asks the analyzers which tasks or
 * executions stopped updating before a terminal state, adds a `stalled` finding to each one's
 * last event (so the inspector badge and `events show` say it too) and hands the stall on
 * (API push → desktop notification, a line in `listen`). The clock is injected: tests call
 * `check()` with a clock set minutes ahead instead of waiting.
 */
import type { SubjectStall } from '../../../shared/api'
import type { Finding } from '../../../shared/event'
import type { LensSettings } from '../inspect/lens'
import type { EventStore } from '../store/event-store'
import type { Analyzers } from './analyzers'

export interface StallMonitorDeps {
  analyzers: Analyzers
  store: EventStore
  settings: () => LensSettings
  now: () => number
  onStall: (stall: SubjectStall) => void
  logger?: { warn(message: string): void }
}

export const STALL_TICK_MS = 5_000

export class StallMonitor {
  private timer: ReturnType<typeof setInterval> | null = null
  private checking: Promise<SubjectStall[]> | null = null

  constructor(private readonly deps: StallMonitorDeps) {}

  /** Ticks every 5 s, or faster when the threshold is short (a stall is news within ~half of it). */
  start(
    tickMs = Math.max(100, Math.min(STALL_TICK_MS, this.deps.settings().stallAfterMs / 2)),
  ): void {
    if (this.timer || !this.deps.analyzers.stalls) return
    this.timer = setInterval(() => void this.check(), tickMs)
    this.timer.unref?.()
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
  }

  /**
   * At start-up, after the stored events were replayed: subjects already quiet for longer than
   * the threshold are history, not news — mark them reported so a restart does not announce
   * every old unfinished task at once.
   */
  skipHistory(): number {
    return this.deps.analyzers.stalls?.(this.deps.now(), this.deps.settings()).length ?? 0
  }

  /** One pass: records and reports the subjects that stalled since the last pass. */
  check(): Promise<SubjectStall[]> {
    this.checking ??= this.pass().finally(() => (this.checking = null))
    return this.checking
  }

  private async pass(): Promise<SubjectStall[]> {
    const stalls = this.deps.analyzers.stalls?.(this.deps.now(), this.deps.settings()) ?? []
    for (const stall of stalls) {
      const event = this.deps.store.get(stall.lastEventId)
      if (event) {
        const finding: Finding = { code: 'stalled', severity: 'warning', message: stall.message }
        const findings = [...(event.findings ?? []).filter((f) => f.code !== 'stalled'), finding]
        try {
          await this.deps.store.update(event.id, { findings })
        } catch (err) {
          this.deps.logger?.warn(`could not record the stall: ${(err as Error).message}`)
        }
      }
      this.deps.onStall(stall)
    }
    return stalls
  }
}
