/**
 * The capture path: turns a raw request into a contract event (id, digest, derived fields),
 * writes it to the log before the sender is answered, and picks the answer. Analysis runs on
 * the exact bytes; nothing here parses and re-serialises a body.
 */
import { createHash } from 'node:crypto'
import { monotonicFactory } from 'ulid'
import type { EventSummary } from '../../../shared/event'
import type { RawRequest } from '../receiver/raw-request'
import type { ReceiverAnswer } from '../receiver/receiver'
import { chooseAnswer } from '../receiver/response-rules'
import type { Settings, StoredVerifier } from '../settings/settings-types'
import type { EventStore } from '../store/event-store'
import type { AnalysisInput, Analyzers, LensContext } from './analyzers'
import { pooledRandom } from './pooled-random'

export interface CaptureDeps {
  store: EventStore
  analyzers: Analyzers
  settings: () => Settings
  verifiers: () => StoredVerifier[]
  /** Base URLs used to rebuild the URL a sender signed (twilio, square, ...). */
  urls: () => { local: string; public: string | null }
  /** Requests answered without being stored (the tunnel's self-check), or null. */
  intercept?: (raw: RawRequest) => ReceiverAnswer | null
  /** Extra refusal (source allow-list): a reason string refuses with 403. */
  refuse?: (raw: RawRequest) => string | null
  /** Warnings to attach (e.g. near the tunnel's body cap). */
  warnings?: (raw: RawRequest) => string[]
  paused: () => boolean
  /** Agent lens settings and the share a2a registration for a receiver path. */
  lens?: (path: string) => LensContext
  /** The stored event and its exact body bytes (listen --json prints both). */
  onCaptured: (event: EventSummary, body: Buffer) => void
}

const JSON_HEADERS: [string, string][] = [['content-type', 'application/json']]

export function createCapture(deps: CaptureDeps): (raw: RawRequest) => Promise<ReceiverAnswer> {
  const nextId = monotonicFactory(pooledRandom())
  return async (raw) => {
    const intercepted = deps.intercept?.(raw)
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

    const id = nextId(raw.receivedAt.getTime())
    const sha256 = createHash('sha256').update(raw.body).digest('hex')
    const urls = deps.urls()
    const target = raw.query ? `${raw.path}?${raw.query}` : raw.path
    const input: AnalysisInput = {
      id,
      receivedAt: raw.receivedAt,
      method: raw.method,
      path: raw.path,
      query: raw.query,
      headers: raw.headers,
      body: raw.body,
      sha256,
      url: urls.local + target,
      publicUrl: raw.via === 'tunnel' && urls.public ? urls.public + target : null,
    }
    const { analyzers } = deps
    const classification = analyzers.classify(input)
    const idempotency = analyzers.idempotency(input, classification)
    const lens = raw.rejected || !analyzers.findings || !deps.lens ? null : deps.lens(raw.path)
    const findings = lens ? analyzers.findings!(input, { classification, idempotency }, lens) : []
    const verification = await analyzers.verify(input, deps.verifiers())
    const warnings = deps.warnings?.(raw) ?? []
    const event: EventSummary = {
      id,
      receivedAt: raw.receivedAt.toISOString(),
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
      response: {
        status: answer.status,
        latencyMs: Date.now() - raw.receivedAt.getTime() + (answer.delayMs ?? 0),
      },
      ...(raw.rejected ? { rejected: raw.rejected, declaredSize: raw.declaredSize ?? null } : {}),
      ...(warnings.length > 0 ? { warnings } : {}),
      ...(findings.length > 0 ? { findings } : {}),
    }
    // The stored summary says when the first delivery is no longer stored (firstEvicted).
    deps.onCaptured(await deps.store.append(event, raw.body), raw.body)
    return answer
  }
}
