/**
 * Decides which native notifications to show for captured events. Bursts are coalesced into one
 * ("12 new events from a2a") and routine notifications are rate limited; signature failures and
 * idempotency conflicts are urgent: they notify even when notifications are muted, in their own
 * (looser) lane. A stalled task (Agent lens) is urgent too: the developer is waiting on it.
 * Plain logic with an injectable clock; the Electron side only shows `spec`s.
 */
import type { SubjectStall } from '../../shared/api'
import type { EventSummary } from '../../shared/event'

export interface NotificationSpec {
  title: string
  body: string
  /** The event a click opens (the latest of a coalesced group). */
  eventId: string
  urgent: boolean
  /** How many events the notification stands for. */
  count: number
}

export interface NotifierClock {
  now(): number
  setTimeout(fn: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

export interface NotifierOptions {
  show(spec: NotificationSpec): void
  /** The user's notifications switch. Urgent events ignore it. */
  enabled(): boolean
  /** True while the user is looking at the inspector: routine events need no notification. */
  suppressed?(): boolean
  clock?: NotifierClock
  /** How long to gather a burst before the first notification of a quiet period. */
  gatherMs?: number
  /** Minimum gap between two routine notifications. */
  minIntervalMs?: number
  /** Minimum gap between two urgent notifications. */
  urgentMinIntervalMs?: number
}

type Lane = 'routine' | 'urgent'

interface Pending {
  count: number
  last: EventSummary | null
  platforms: Map<string, number>
  signatureFailures: number
  conflicts: number
}

const systemClock: NotifierClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
}

/** 'invalid' (wrong signature) and 'missing' (secret configured, request unsigned). */
export function isSignatureFailure(e: EventSummary): boolean {
  return e.verification.status === 'invalid' || e.verification.status === 'missing'
}

export function isConflict(e: EventSummary): boolean {
  return e.idempotency.status === 'conflict'
}

function emptyPending(): Pending {
  return { count: 0, last: null, platforms: new Map(), signatureFailures: 0, conflicts: 0 }
}

function platformOf(e: EventSummary): string | null {
  const p = e.classification.platform
  return p && p !== 'unknown' ? p : null
}

function what(e: EventSummary): string {
  const head = e.classification.eventType ?? `${e.method} ${e.path}`
  return e.classification.subject ? `${head} · ${e.classification.subject}` : head
}

export function describeRoutine(p: Pending): Omit<NotificationSpec, 'eventId'> {
  const last = p.last as EventSummary
  const base = { urgent: false, count: p.count }
  if (p.count === 1) {
    const platform = platformOf(last)
    return { ...base, title: platform ? `New ${platform} event` : 'New event', body: what(last) }
  }
  const known = [...p.platforms.entries()].filter(([name]) => name !== 'unknown')
  if (p.platforms.size === 1 && known.length === 1) {
    return {
      ...base,
      title: `${p.count} new events from ${known[0][0]}`,
      body: `Latest: ${what(last)}`,
    }
  }
  const byCount = [...p.platforms.entries()].sort((a, b) => b[1] - a[1])
  return {
    ...base,
    title: `${p.count} new events`,
    body: byCount.map(([name, n]) => `${name} ${n}`).join(', '),
  }
}

export function describeUrgent(p: Pending): Omit<NotificationSpec, 'eventId'> {
  const last = p.last as EventSummary
  const platform = platformOf(last)
  const from = p.platforms.size === 1 && platform ? ` from ${platform}` : ''
  const base = { urgent: true, count: p.count }
  const lastReason = isSignatureFailure(last)
    ? last.verification.reason
    : `key ${last.idempotency.key} arrived again with a different body`
  if (p.count === 1) {
    const title = isSignatureFailure(last) ? 'Signature check failed' : 'Idempotency conflict'
    return { ...base, title: `${title}${from}`, body: `${what(last)}: ${lastReason}` }
  }
  let title = `${p.count} webhook problems${from}`
  if (p.conflicts === 0) title = `${p.count} signature failures${from}`
  if (p.signatureFailures === 0) title = `${p.count} idempotency conflicts${from}`
  return { ...base, title, body: `Latest: ${lastReason}` }
}

export class Notifier {
  private readonly clock: NotifierClock
  private readonly pending: Record<Lane, Pending> = {
    routine: emptyPending(),
    urgent: emptyPending(),
  }
  private readonly timers: Record<Lane, unknown> = { routine: null, urgent: null }
  private readonly lastShown: Record<Lane, number> = { routine: -Infinity, urgent: -Infinity }
  private stalls: SubjectStall[] = []
  private stallTimer: unknown = null

  constructor(private readonly opts: NotifierOptions) {
    this.clock = opts.clock ?? systemClock
  }

  onEvent(e: EventSummary): void {
    const urgent = isSignatureFailure(e) || isConflict(e)
    const lane: Lane = urgent ? 'urgent' : 'routine'
    if (!urgent && (!this.opts.enabled() || this.opts.suppressed?.())) return
    const p = this.pending[lane]
    p.count++
    p.last = e
    const platform = e.classification.platform || 'unknown'
    p.platforms.set(platform, (p.platforms.get(platform) ?? 0) + 1)
    if (isSignatureFailure(e)) p.signatureFailures++
    else if (isConflict(e)) p.conflicts++
    if (this.timers[lane] === null) {
      const gap =
        lane === 'urgent'
          ? (this.opts.urgentMinIntervalMs ?? 1500)
          : (this.opts.minIntervalMs ?? 5000)
      const wait = Math.max(
        this.opts.gatherMs ?? 400,
        this.lastShown[lane] + gap - this.clock.now(),
      )
      this.timers[lane] = this.clock.setTimeout(() => this.flush(lane), wait)
    }
  }

  /**
   * A task or execution stopped updating. Each stall is reported once by the core; stalls
   * found in the same pass are gathered into one notification.
   */
  onStall(stall: SubjectStall): void {
    this.stalls.push(stall)
    if (this.stallTimer !== null) return
    this.stallTimer = this.clock.setTimeout(() => {
      this.stallTimer = null
      const all = this.stalls.splice(0)
      const last = all[all.length - 1]
      if (!last) return
      const noun = last.noun.charAt(0).toUpperCase() + last.noun.slice(1)
      this.opts.show({
        title: all.length === 1 ? `${noun} stalled` : `${all.length} tasks stalled`,
        body: all.length === 1 ? last.message : `Latest: ${last.message}`,
        eventId: last.lastEventId,
        urgent: true,
        count: all.length,
      })
    }, this.opts.gatherMs ?? 400)
  }

  dispose(): void {
    if (this.stallTimer !== null) this.clock.clearTimeout(this.stallTimer)
    this.stallTimer = null
    this.stalls = []
    for (const lane of ['routine', 'urgent'] as const) {
      if (this.timers[lane] !== null) this.clock.clearTimeout(this.timers[lane])
      this.timers[lane] = null
      this.pending[lane] = emptyPending()
    }
  }

  private flush(lane: Lane): void {
    this.timers[lane] = null
    const p = this.pending[lane]
    this.pending[lane] = emptyPending()
    if (!p.last) return
    // Muted while the burst was gathering: drop it rather than notify late.
    if (lane === 'routine' && !this.opts.enabled()) return
    this.lastShown[lane] = this.clock.now()
    const text = lane === 'urgent' ? describeUrgent(p) : describeRoutine(p)
    this.opts.show({ ...text, eventId: p.last.id })
  }
}
