/**
 * The capture path: turns a raw request into a contract event (id, digest, derived fields),
 * writes it to the log before the sender is answered, and picks the answer. Analysis runs on
 * the exact bytes; nothing here parses and re-serialises a body.
 */
import { hash } from 'node:crypto'
import { monotonicFactory } from 'ulid'
import type { EventResponse, EventSummary } from '../../../shared/event'
import type { RawRequest } from '../receiver/raw-request'
import type { ReceiverAnswer } from '../receiver/receiver'
import { chooseAnswer } from '../receiver/response-rules'
import type { Settings, StoredVerifier } from '../settings/settings-types'
import type { EventStore } from '../store/event-store'
import type { Analyzers, LensContext } from './analyzers'
import { analysisInput, type ReceiverUrls } from './analysis-input'
import { pooledRandom } from './pooled-random'
import { isoTimeFormatter } from './iso-time'

/**
 * What other parts add to the capture path, one function each, given by the composition root:
 * the tunnel's self-check and body-cap warnings, the source allow-list's refusal.
 */
export interface CaptureHooks {
  /** Requests answered without being stored (the tunnel's self-check), or null. */
  selfCheck?: (raw: RawRequest) => ReceiverAnswer | null
  /** Refusal (source allow-list): a reason string refuses with 403, recorded as rejected. */
  refuse?: (raw: RawRequest) => string | null
  /** Warnings to attach (e.g. near the tunnel's body cap). */
  warnings?: (raw: RawRequest) => string[]
}

/** A stored event with its exact body bytes: what listen prints and forwarding sends. */
export interface Captured {
  event: EventSummary
  body: Buffer
  /**
   * The event's line as the log holds it (EventStore.appendLine): the same JSON object as
   * `event` with its body, so `listen --json` prints it instead of serialising the event again.
   * Absent when the stored summary differs from the line.
   */
  line?: readonly Buffer[]
}

export interface CaptureDeps extends CaptureHooks {
  store: Pick<EventStore, 'appendLine'>
  analyzers: Analyzers
  settings: () => Settings
  verifiers: () => StoredVerifier[]
  /** Base URLs used to rebuild the URL a sender signed (twilio, square, ...). */
  urls: () => ReceiverUrls
  paused: () => boolean
  /** Agent lens settings and the share a2a registration for a receiver path. */
  lens?: (path: string) => LensContext
  /** The stored event and the bytes in hand: nobody downstream reads them back from disk. */
  onCaptured: (captured: Captured) => void
}

const JSON_HEADERS: [string, string][] = [['content-type', 'application/json']]

export function createCapture(deps: CaptureDeps): (raw: RawRequest) => Promise<ReceiverAnswer> {
  const nextId = monotonicFactory(pooledRandom())
  const isoTime = isoTimeFormatter()
  // The shown part of an answer, per answer object: the default answer is one object per
  // settings change (chooseAnswer), so this is built once, not per request.
  const shownOf = new WeakMap<ReceiverAnswer, Pick<EventResponse, 'headers' | 'body'>>()
  return async (raw) => {
    const intercepted = deps.selfCheck?.(raw)
    if (intercepted) return intercepted
    const settings = deps.settings()
    let answer: ReceiverAnswer = chooseAnswer(settings, raw.method, raw.path)
    const refusal = raw.rejected ? null : (deps.refuse?.(raw) ?? null)
    if (raw.rejected && raw.rejectStatus === 408) {
      answer = {
        status: 408,
        headers: [...JSON_HEADERS, ['connection', 'close']],
        body: JSON.stringify({ error: raw.rejected.replace(/^rejected: /, '') }),
      }
    } else if (raw.rejected) {
      answer = {
        status: 413,
        headers: JSON_HEADERS,
        body: JSON.stringify({
          error: 'body too large',
          limit: settings.receiver.maxBodyBytes,
          size: raw.declaredSize ?? null,
        }),
      }
    } else if (refusal) {
      raw.rejected = `rejected: ${refusal}`
      answer = { status: 403, headers: JSON_HEADERS, body: JSON.stringify({ error: refusal }) }
    }
    if (deps.paused()) return answer

    const receivedAt = raw.receivedAt.getTime()
    const id = nextId(receivedAt)
    // One-shot hash (Node 20.12+; engines say ≥ 20.19): no Hash object per request.
    const sha256 = hash('sha256', raw.body, 'hex')
    // The fields analysis reads, named (a spread of the raw request copied all of them).
    const input = analysisInput(
      {
        id,
        receivedAt: raw.receivedAt,
        method: raw.method,
        path: raw.path,
        query: raw.query,
        headers: raw.headers,
        body: raw.body,
        sha256,
        via: raw.via,
      },
      deps.urls(),
    )
    const { analyzers } = deps
    const classification = analyzers.classify(input)
    const idempotency = analyzers.idempotency(input, classification)
    const lens = raw.rejected || !analyzers.findings || !deps.lens ? null : deps.lens(raw.path)
    const findings = lens ? analyzers.findings!(input, { classification, idempotency }, lens) : []
    const verification = await analyzers.verify(input, deps.verifiers())
    const warnings = deps.warnings?.(raw) ?? []
    let shown = shownOf.get(answer)
    if (!shown) shownOf.set(answer, (shown = answerShown(answer)))
    const response: EventResponse = {
      status: answer.status,
      latencyMs: Date.now() - receivedAt + (answer.delayMs ?? 0),
    }
    if (shown.headers) response.headers = shown.headers
    if (shown.body) response.body = shown.body
    const event: EventSummary = {
      id,
      receivedAt: isoTime(receivedAt),
      method: raw.method,
      path: raw.path,
      query: raw.query,
      headers: raw.headers,
      size: raw.body.length,
      sha256,
      remoteAddress: raw.remoteAddress,
      via: raw.via,
      forwardedFor: raw.forwardedFor,
      verification,
      idempotency,
      classification,
      response,
    }
    // Optional keys added in the contract's order (the stored line keeps insertion order).
    if (raw.rejected) {
      event.rejected = raw.rejected
      event.declaredSize = raw.declaredSize ?? null
    }
    if (warnings.length > 0) event.warnings = warnings
    if (findings.length > 0) event.findings = findings
    // The stored summary says when the first delivery is no longer stored (firstEvicted).
    const stored = await deps.store.appendLine(event, raw.body)
    const captured: Captured = { event: stored.event, body: raw.body }
    if (stored.line) captured.line = stored.line
    deps.onCaptured(captured)
    return answer
  }
}

/** What the receiver answered, for the inspector and the HAR export (bounded: 4 KiB of body). */
function answerShown(answer: ReceiverAnswer): Pick<EventResponse, 'headers' | 'body'> {
  const body = answer.body === undefined ? '' : answer.body.toString().slice(0, 4096)
  return {
    ...(answer.headers?.length ? { headers: answer.headers } : {}),
    ...(body ? { body } : {}),
  }
}
