/**
 * Sequences per subject (an A2A task, an execution): what goes wrong over time. At capture it
 * flags an update after a terminal state, a state going backwards, an out-of-order timestamp
 * and a retry storm (the same idempotency key N times in M ms); `stalls(now)` reports
 * subjects that stopped updating before a terminal state. Time comes in as arguments (event
 * times, `now`), never from a clock here, so tests drive it without waiting. Memory is
 * bounded: the oldest subjects and keys are forgotten first.
 */
import type { Classification, Finding } from '../../../../shared/event'
import { stateOf, subjectKey } from '../subjects'
import { formatAgo } from './event-time'
import { finding } from './types'
import { OldestFirst } from '../oldest-first'
import { field, nullableField, SnapshotReader, unfield, unnullable } from '../snapshot-fields'
import type { SubjectStall } from '../../../../shared/api'

export interface LensSettings {
  stallAfterMs: number
  retryStormCount: number
  retryStormWindowMs: number
}

export const DEFAULT_LENS_SETTINGS: LensSettings = {
  stallAfterMs: 120_000,
  retryStormCount: 5,
  retryStormWindowMs: 60_000,
}

export interface SequenceEvent {
  id: string
  /** Arrival time, ms since the epoch. */
  receivedAt: number
  classification: Classification
  idempotency: { key: string; status: string }
  /** The time the body says the update happened, when it says one. */
  bodyTime?: number | null
}

/** The contract's shape (shared/api.ts): the stall pushes and `listen` print as they are. */
export type Stall = SubjectStall

interface SubjectState {
  platform: string
  subject: string
  lastId: string
  lastAt: number
  state: string | null
  terminal: string | null
  terminalId: string | null
  maxBodyTime: number | null
  maxBodyTimeId: string | null
  stalled: boolean
}

const MAX_SUBJECTS = 10_000
const MAX_KEYS = 10_000
const A2A_TERMINAL = new Set(['completed', 'failed', 'canceled', 'rejected'])
const OTHER_TERMINAL = new Set([
  'succeeded',
  'completed',
  'failed',
  'error',
  'timeout',
  'cancelled',
  'canceled',
])
const GATEWAY_EVENTS = new Set(['on_complete', 'on_error', 'on_timeout'])
/** States in which a subject is expected to keep updating (input-required waits on a person). */
const STALLABLE = new Set(['submitted', 'working', 'queued', 'pending', 'running', 'started'])

function rank(state: string): number | null {
  if (A2A_TERMINAL.has(state) || OTHER_TERMINAL.has(state)) return 2
  if (state === 'submitted' || state === 'queued' || state === 'pending') return 0
  if (['working', 'running', 'started', 'input-required', 'auth-required'].includes(state)) return 1
  return null
}

function terminalOf(c: Classification, state: string | null): string | null {
  if (c.platform === 'agent-gateway' && c.eventType && GATEWAY_EVENTS.has(c.eventType)) {
    return c.eventType
  }
  if (state === null) return null
  if (c.platform === 'a2a') return A2A_TERMINAL.has(state) ? state : null
  return OTHER_TERMINAL.has(state) ? state : null
}

export function nounOf(platform: string): string {
  return platform === 'a2a' ? 'task' : 'execution'
}

export class SequenceTracker {
  private readonly subjects = new Map<string, SubjectState>()
  private readonly keys = new Map<string, number[]>()
  private readonly oldestSubject = new OldestFirst(this.subjects)
  private readonly oldestKey = new OldestFirst(this.keys)
  /**
   * The key each Map had inserted last (null: not known). Both Maps are ordered least recently
   * updated first by a delete and re-insert per event; for the key already last that is a
   * no-op, and skipping it matters: a delete + set per event on the same key keeps the Map
   * rehashing (one busy sender or task is the common case).
   */
  private lastSubject: string | null = null
  private lastKey: string | null = null

  /** Records a captured event; returns the sequence findings it raises. */
  observe(e: SequenceEvent, settings: LensSettings): Finding[] {
    const out: Finding[] = []
    const storm = this.retryStorm(e, settings)
    if (storm) out.push(storm)
    const key = subjectKey(e.classification)
    if (key === null) return out
    const prev = this.subjects.get(key)
    const state = stateOf(e.classification)
    const noun = nounOf(e.classification.platform)
    const subject = e.classification.subject as string
    const redelivery = e.idempotency.status === 'duplicate'
    if (prev?.terminal && !redelivery) {
      out.push(
        finding(
          'update-after-terminal',
          'error',
          `update after ${noun} ${subject} reached its terminal state '${prev.terminal}' (event ${prev.terminalId})`,
        ),
      )
    } else if (prev?.state && state && !redelivery) {
      const before = rank(prev.state)
      const after = rank(state)
      if (before !== null && after !== null && after < before) {
        out.push(
          finding(
            'state-backwards',
            'warning',
            `${noun} ${subject} went back from '${prev.state}' to '${state}'`,
          ),
        )
      }
    }
    const t = e.bodyTime ?? null
    if (t !== null && prev?.maxBodyTime != null && t < prev.maxBodyTime && !redelivery) {
      out.push(
        finding(
          'out-of-order-timestamp',
          'warning',
          `timestamp ${new Date(t).toISOString()} is earlier than ${new Date(prev.maxBodyTime).toISOString()} of an earlier update (event ${prev.maxBodyTimeId}): delivered out of order`,
        ),
      )
    }
    this.record(key, e, state, prev)
    return out
  }

  /** Rebuilds state from a stored event at start-up (no body: timestamps are not restored). */
  replay(e: SequenceEvent & { findings?: Finding[] }): void {
    const key = subjectKey(e.classification)
    if (key === null) return
    const prev = this.subjects.get(key)
    this.record(key, e, stateOf(e.classification), prev)
    const now = this.subjects.get(key)
    if (now && e.findings?.some((f) => f.code === 'stalled')) now.stalled = true
  }

  /** Subjects idle for `stallAfterMs` in a non-terminal working state, each reported once. */
  stalls(now: number, settings: LensSettings): Stall[] {
    const out: Stall[] = []
    for (const s of this.subjects.values()) {
      if (s.stalled || s.terminal || s.state === null || !STALLABLE.has(s.state)) continue
      const idleMs = now - s.lastAt
      if (idleMs < settings.stallAfterMs) continue
      s.stalled = true
      const noun = nounOf(s.platform)
      out.push({
        platform: s.platform,
        subject: s.subject,
        noun,
        state: s.state,
        lastEventId: s.lastId,
        lastUpdateAt: new Date(s.lastAt).toISOString(),
        idleMs,
        message: `${noun} ${s.subject} stalled: last update '${s.state}' ${formatAgo(idleMs)} ago`,
      })
    }
    return out
  }

  clear(): void {
    this.subjects.clear()
    this.keys.clear()
    this.lastSubject = null
    this.lastKey = null
  }

  /**
   * Snapshot lines (analysis-snapshot.ts): subjects whose last event is still stored, as the
   * stopping process knew them, without body times or retry-storm keys (a replay has neither),
   * in least recently updated order. A terminal state whose event retention has dropped is
   * kept on purpose: the task did finish, so a later update is still news and it is no stall
   * (a replay of the kept events alone would forget that).
   */
  *exportLines(kept: (id: string) => boolean): IterableIterator<string> {
    yield '#sequences'
    for (const [key, s] of this.subjects) {
      if (!kept(s.lastId)) continue
      yield [
        field(key),
        field(s.platform),
        field(s.subject),
        field(s.lastId),
        s.lastAt,
        nullableField(s.state),
        nullableField(s.terminal),
        nullableField(s.terminalId),
        s.stalled ? 1 : 0,
      ].join('\t')
    }
  }

  /** Replaces the state with a snapshot's (`exportLines`); throws on a damaged one. */
  importSnapshot(r: SnapshotReader): void {
    this.clear()
    r.section('sequences')
    while (r.record()) {
      const key = unfield(r.next())
      const platform = unfield(r.next())
      const subject = unfield(r.next())
      const lastId = unfield(r.next())
      const lastAt = Number(r.next())
      if (!Number.isFinite(lastAt)) throw new Error('snapshot: bad sequence')
      this.subjects.set(key, {
        platform,
        subject,
        lastId,
        lastAt,
        state: unnullable(r.next()),
        terminal: unnullable(r.next()),
        terminalId: unnullable(r.next()),
        maxBodyTime: null,
        maxBodyTimeId: null,
        stalled: r.next() === '1',
      })
    }
  }

  private record(
    key: string,
    e: SequenceEvent,
    state: string | null,
    prev: SubjectState | undefined,
  ): void {
    const t = e.bodyTime ?? null
    const later = t !== null && (prev?.maxBodyTime == null || t >= prev.maxBodyTime)
    const terminal = prev?.terminal ?? terminalOf(e.classification, state)
    const terminalId = prev?.terminalId ?? (terminal ? e.id : null)
    const maxBodyTime = later ? t : (prev?.maxBodyTime ?? null)
    const maxBodyTimeId = later ? e.id : (prev?.maxBodyTimeId ?? null)
    // Updated in place (nothing else holds a subject's state): start-up replays every stored
    // event through here, and a new object per event was most of its garbage.
    const next: SubjectState = prev ?? {
      platform: e.classification.platform,
      subject: e.classification.subject as string,
      lastId: e.id,
      lastAt: e.receivedAt,
      state: null,
      terminal: null,
      terminalId: null,
      maxBodyTime: null,
      maxBodyTimeId: null,
      stalled: false,
    }
    next.platform = e.classification.platform
    next.subject = e.classification.subject as string
    next.lastId = e.id
    next.lastAt = e.receivedAt
    next.state = state ?? prev?.state ?? null
    next.terminal = terminal
    next.terminalId = terminalId
    next.maxBodyTime = maxBodyTime
    next.maxBodyTimeId = maxBodyTimeId
    next.stalled = false
    // Re-insert so Map order is least recently updated first, for eviction (the key already
    // last holds `next` itself: updated in place above).
    if (prev !== undefined && this.lastSubject === key) return
    this.subjects.delete(key)
    this.subjects.set(key, next)
    this.lastSubject = key
    if (this.subjects.size > MAX_SUBJECTS) this.oldestSubject.evict()
  }

  private retryStorm(e: SequenceEvent, settings: LensSettings): Finding | null {
    const key = e.idempotency.key
    const since = e.receivedAt - settings.retryStormWindowMs
    // Kept in place (no new array per request): a busy key arrives on every request. The
    // times in the window stay in order, the oldest dropped past the cap, then the new one.
    const known = this.keys.get(key)
    const seen = known ?? []
    let inWindow = 0
    for (let i = 0; i < seen.length; i++) if (seen[i] > since) inWindow++
    let skip = inWindow + 1 - Math.max(settings.retryStormCount, 50)
    let kept = 0
    for (let i = 0; i < seen.length; i++) {
      if (!(seen[i] > since)) continue
      if (skip > 0) skip--
      else seen[kept++] = seen[i]
    }
    seen.length = kept
    seen.push(e.receivedAt)
    if (known === undefined || this.lastKey !== key) {
      this.keys.delete(key)
      this.keys.set(key, seen)
      this.lastKey = key
      if (this.keys.size > MAX_KEYS) this.oldestKey.evict()
    }
    if (seen.length < settings.retryStormCount) return null
    return finding(
      'retry-storm',
      'warning',
      `retry storm: key ${key} arrived ${seen.length} times in ${Math.round((e.receivedAt - seen[0]) / 1000)} s (limit ${settings.retryStormCount} in ${Math.round(settings.retryStormWindowMs / 1000)} s)`,
    )
  }
}
