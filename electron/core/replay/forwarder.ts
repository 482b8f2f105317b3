/**
 * Forwarding: every captured event that matches a rule is queued for each of the rule's targets
 * and delivered in arrival order per target, retried with backoff on network errors, 5xx and
 * 429 (honouring Retry-After), and dead-lettered after the last attempt. Enqueueing is
 * synchronous and never waits on the network, so the receiver's answer is never delayed.
 * Records reference the event's bytes instead of copying them: a queued delivery sends the bytes
 * capture had in hand (up to a memory budget), retries and redrives read them from the event log.
 * A rule may re-sign each attempt with a fresh timestamp (`resign`).
 */
import { sha256Hex } from '../verify/crypto'
import type { Dispatcher } from 'undici'
import { backoffDelay, isRetryable, parseRetryAfter } from './backoff'
import { decodeBody } from '../store/body-encoding'
import { attemptPatch, newDelivery, storedRequest } from './delivery-record'
import { resignPlan, signAttempt } from './forward-resign'
import type { AttemptResult } from './types'
import type { DeliveryStore } from './delivery-store'
import {
  DEFAULT_MAX_ATTEMPTS,
  ruleMatches,
  type ForwardableEvent,
  type ForwardRule,
} from './forward-rules'
import { formatDuration, sendHttp } from './http-send'
import { buildHeaders, targetUrl } from './request-build'
import type { VerifierLike } from './signers'
import type { Delivery } from './types'

export interface ForwarderOptions {
  store: Pick<DeliveryStore, 'put' | 'update' | 'get' | 'list'>
  rules?: ForwardRule[]
  now?: () => Date
  /** Injectable so tests run without real waiting. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>
  random?: () => number
  backoffBaseMs?: number
  backoffMaxMs?: number
  /** Longest Retry-After honoured as given; longer ones wait this long. */
  retryAfterMaxMs?: number
  timeoutMs?: number
  dispatcher?: Dispatcher
  /**
   * The event log's bytes for an event id (EventStore.readBody). Without it (tests, embedders
   * with no event log) the bytes given to `enqueue` are held in memory instead.
   */
  readBody?: (eventId: string) => Promise<Buffer | null>
  /**
   * Whether the event log still keeps an event (an index lookup, no disk read): bytes in hand
   * are sent only while it does, so a forward of an evicted event dead-letters either way.
   */
  isKept?: (eventId: string) => boolean
  /** Verifiers with their secrets, for rules that re-sign (read at each attempt). */
  verifiers?: () => VerifierLike[]
}

/** Bytes in hand kept for queued deliveries at most; past it, deliveries read from the log. */
export const IN_HAND_BUDGET = 32 * 1024 * 1024

interface QueueItem {
  id: string
  persisted: Promise<void>
}

export class Forwarder {
  private rules: ForwardRule[]
  private readonly queues = new Map<string, QueueItem[]>()
  private readonly running = new Map<string, Promise<void>>()
  private readonly queued = new Set<string>()
  private readonly stopper = new AbortController()
  /** Bytes by event id when there is no event log to read them from. */
  private readonly held = new Map<string, Buffer>()
  /** Capture's bytes by delivery id, until that delivery is done (bounded by IN_HAND_BUDGET). */
  private readonly inHand = new Map<string, Buffer>()
  private inHandBytes = 0
  private readonly now: () => Date
  private readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>

  constructor(private readonly opts: ForwarderOptions) {
    this.rules = opts.rules ?? []
    this.now = opts.now ?? (() => new Date())
    this.sleep = opts.sleep ?? abortableSleep
  }

  setRules(rules: ForwardRule[]): void {
    this.rules = rules
  }

  getRules(): ForwardRule[] {
    return this.rules
  }

  /** Queues the event for every matching rule's targets; returns the new (pending) records. */
  enqueue(event: ForwardableEvent, body: Buffer): Delivery[] {
    const created: Delivery[] = []
    // Hashed at most once per event (capture's digest when it has one), not once per target.
    let digest = event.sha256
    const sha256 = () => (digest ??= sha256Hex(body))
    for (const rule of this.rules) {
      if (!ruleMatches(rule, event)) continue
      for (const target of rule.targets) {
        let url: string
        try {
          url = targetUrl(target, event, rule.appendPath)
        } catch (err) {
          // A bad target must not hold up the others: record why, as a dead letter.
          created.push(this.unsendable(event, body, target, rule, (err as Error).message))
          continue
        }
        const headers = buildHeaders(event.headers, { setHeaders: rule.setHeaders })
        const plan = resignPlan(rule, event, body, this.opts.verifiers?.() ?? [])
        const d = newDelivery({
          eventId: event.id,
          target: url,
          kind: 'forward',
          ruleId: rule.id,
          maxAttempts: rule.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
          now: this.now(),
          request: storedRequest({ method: event.method, url, headers }, body, false, sha256()),
          notes: plan.notes,
        })
        d.resign = plan.resign
        if (!this.opts.readBody) this.held.set(event.id, body)
        else if (this.inHandBytes + body.length <= IN_HAND_BUDGET) {
          this.inHand.set(d.id, body)
          this.inHandBytes += body.length
        }
        created.push(d)
        this.push(d, this.opts.store.put(d))
      }
    }
    return created
  }

  private unsendable(
    event: ForwardableEvent,
    body: Buffer,
    target: string,
    rule: ForwardRule,
    why: string,
  ): Delivery {
    const d = newDelivery({
      eventId: event.id,
      target,
      kind: 'forward',
      ruleId: rule.id,
      maxAttempts: rule.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      now: this.now(),
      request: storedRequest(
        { method: event.method, url: target, headers: buildHeaders(event.headers) },
        body,
        false,
      ),
    })
    const dead: Delivery = { ...d, status: 'dead', lastError: `invalid target "${target}": ${why}` }
    void this.opts.store.put(dead).catch(() => undefined)
    return dead
  }

  /** Sends a dead (or failed) delivery again from the start, with its original bytes. */
  async redrive(id: string): Promise<Delivery | null> {
    const d = this.opts.store.get(id)
    if (!d || !['dead', 'failed'].includes(d.status) || this.queued.has(id)) return null
    const bytes = await this.bodyOf(d)
    if (typeof bytes === 'string') {
      throw new Error(
        `delivery ${id} cannot be redriven: ${bytes} (the record keeps its headers, answer and error)`,
      )
    }
    const updated = await this.opts.store.update(id, {
      status: 'pending',
      attempts: 0,
      maxAttempts: Math.max(1, d.maxAttempts),
      nextAttemptAt: null,
      redrives: d.redrives + 1,
      updatedAt: this.now().toISOString(),
    })
    this.push(updated, Promise.resolve())
    return updated
  }

  /** Redrives every dead letter, oldest first; returns how many were queued. */
  async redriveAll(): Promise<number> {
    const dead = this.opts.store.list({ status: 'dead' }).reverse()
    let n = 0
    for (const d of dead) if (await this.redrive(d.id)) n++
    return n
  }

  /** After a restart: queues forwards that were still pending or waiting for a retry. */
  resume(): number {
    const open = this.opts.store
      .list({ kind: 'forward', status: ['pending', 'failed'] })
      .reverse()
      .filter((d) => !this.queued.has(d.id))
    for (const d of open) this.push(d, Promise.resolve())
    return open.length
  }

  /** Resolves when every queue is empty. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running.values()])
  }

  /** Stops delivering; what is still queued stays pending on disk for `resume()`. */
  async stop(): Promise<void> {
    this.stopper.abort()
    await Promise.allSettled([...this.running.values()])
  }

  private push(d: Delivery, persisted: Promise<void>): void {
    const key = queueKey(d)
    const q = this.queues.get(key) ?? []
    this.queues.set(key, q)
    q.push({ id: d.id, persisted: persisted.catch(() => undefined) })
    this.queued.add(d.id)
    if (!this.running.has(key)) {
      const run = this.drain(key).finally(() => this.running.delete(key))
      this.running.set(key, run)
    }
  }

  private async drain(key: string): Promise<void> {
    const q = this.queues.get(key)!
    while (q.length > 0 && !this.stopper.signal.aborted) {
      const item = q[0]
      await item.persisted
      try {
        await this.deliver(item.id)
      } catch {
        // A failing store write must not stall the whole queue.
      } finally {
        this.release(item.id)
      }
      q.shift()
      this.queued.delete(item.id)
    }
    if (q.length === 0) this.queues.delete(key)
  }

  private async deliver(id: string): Promise<void> {
    let d = this.opts.store.get(id)
    while (d && !this.stopper.signal.aborted) {
      const body = await this.bodyOf(d)
      if (typeof body === 'string') {
        await this.opts.store.update(id, {
          status: 'dead',
          lastError: `${body} before it could be sent`,
          nextAttemptAt: null,
          updatedAt: this.now().toISOString(),
        })
        return
      }
      let headers = buildHeaders(d.request.headers)
      let signed: ReturnType<typeof signAttempt> | null = null
      if (d.resign) {
        signed = signAttempt(d, headers, body, this.opts.verifiers?.() ?? [], this.now())
        headers = signed.headers
      }
      const attempt = await sendHttp({
        method: d.request.method,
        url: d.request.url,
        headers,
        body,
        timeoutMs: this.opts.timeoutMs,
        dispatcher: this.opts.dispatcher,
      })
      if (signed) {
        attempt.request.headers = signed.mask(attempt.request.headers)
      }
      const at = this.now()
      if (attempt.ok) {
        await this.opts.store.update(id, {
          ...forwardPatch(d, attempt, at, 'delivered'),
          ...(signed ? { notes: signed.notes } : {}),
          nextAttemptAt: null,
        })
        return
      }
      const attempts = d.attempts + 1
      const retry = isRetryable(attempt.errorCode, attempt.response?.status ?? null)
      if (!retry || attempts >= d.maxAttempts) {
        const why = retry
          ? `gave up after ${attempts} attempts`
          : 'not retried (the answer will not change)'
        await this.opts.store.update(id, {
          ...forwardPatch(d, attempt, at, 'dead'),
          ...(signed ? { notes: signed.notes } : {}),
          lastError: `${attempt.error} — ${why}`,
          nextAttemptAt: null,
        })
        return
      }
      const delay = this.delayFor(attempts, attempt.retryAfter, at)
      d = await this.opts.store.update(id, {
        ...forwardPatch(d, attempt, at, 'failed'),
        ...(signed ? { notes: signed.notes } : {}),
        lastError: `${attempt.error} — retrying in ${formatDuration(delay)}`,
        nextAttemptAt: new Date(at.getTime() + delay).toISOString(),
      })
      if (this.stopper.signal.aborted) return
      try {
        await this.sleep(delay, this.stopper.signal)
      } catch {
        return // stopped while waiting; the record stays 'failed' for resume()
      }
    }
  }

  private release(id: string): void {
    const bytes = this.inHand.get(id)
    if (!bytes) return
    this.inHand.delete(id)
    this.inHandBytes -= bytes.length
  }

  /** The event's bytes, checked against the digest the record was queued with, or why not. */
  private async bodyOf(d: Delivery): Promise<Buffer | string> {
    // A replay's edited body is in the record itself (redriving a failed replay).
    if (d.request.bodySource === 'edited' && d.request.body !== undefined)
      return decodeBody(d.request.body, d.request.bodyEncoding ?? 'utf8')
    const inHand = this.inHand.get(d.id)
    if (inHand) {
      // The very bytes the record's digest was taken from; only retention can make them stale.
      if (this.opts.isKept?.(d.eventId) === false) {
        this.release(d.id)
        return `event ${d.eventId} was dropped by retention`
      }
      return inHand
    }
    const bytes = this.opts.readBody
      ? await this.opts.readBody(d.eventId).catch(() => null)
      : (this.held.get(d.eventId) ?? null)
    if (!bytes) return `event ${d.eventId} was dropped by retention`
    if (sha256Hex(bytes) !== d.request.sha256)
      return `event ${d.eventId} no longer holds the bytes this delivery sent`
    return bytes
  }

  private delayFor(attempts: number, retryAfter: string | null, at: Date): number {
    const max = this.opts.retryAfterMaxMs ?? 10 * 60_000
    const asked = parseRetryAfter(retryAfter, at.getTime())
    if (asked !== null) return Math.min(asked, max)
    return backoffDelay(attempts, {
      baseMs: this.opts.backoffBaseMs ?? 1000,
      maxMs: this.opts.backoffMaxMs ?? 5 * 60_000,
      random: this.opts.random ?? Math.random,
    })
  }
}

/** One FIFO queue per target server, so appended paths do not reorder deliveries. */
function queueKey(d: Delivery): string {
  try {
    return new URL(d.target).origin
  } catch {
    return d.target
  }
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new Error('stopped'))
    const t = setTimeout(() => {
      signal.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    const onAbort = () => {
      clearTimeout(t)
      reject(new Error('stopped'))
    }
    signal.addEventListener('abort', onAbort, { once: true })
  })
}

/** An attempt's patch: headers as sent, the bytes still by reference (small whatever the body). */
function forwardPatch(
  d: Delivery,
  attempt: AttemptResult,
  at: Date,
  status: Delivery['status'],
): Partial<Delivery> {
  return attemptPatch(d, attempt, at, status)
}
