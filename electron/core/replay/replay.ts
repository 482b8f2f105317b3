/**
 * Replay: send a captured request to a target — same method, byte-exact body, original header
 * order minus hop-by-hop — optionally edited and re-signed, and report it as a Delivery.
 */
import type { CapturedEvent, HeaderPair } from '../../../shared/event'
import type { Dispatcher } from 'undici'
import { headerValue } from '../../../shared/headers'
import { attemptPatch, newDelivery, storedRequest } from './delivery-record'
import { sendHttp } from './http-send'
import { buildHeaders, targetUrl } from './request-build'
import { maskSecret } from '../verify'
import { detectScheme, resign, SIGNERS, type SecretSources } from './signers'
import type { Delivery } from './types'

/** The parts of a captured event a replay needs. */
export type ReplaySource = Pick<
  CapturedEvent,
  'id' | 'method' | 'path' | 'query' | 'headers' | 'receivedAt'
> & { verification?: { scheme: string | null; status?: string; verifierId?: string | null } }

export interface ReplayOptions {
  event: ReplaySource
  /** The captured body bytes (EventStore.readBody). */
  body: Buffer
  to: string
  /** Append the captured path and query to the target's path. */
  appendPath?: boolean
  setHeaders?: HeaderPair[]
  removeHeaders?: string[]
  /** Replacement body; when it differs from the capture, the request is re-signed if possible. */
  bodyOverride?: Buffer
  timeoutMs?: number
  /**
   * Recompute the signature headers with a fresh timestamp. Unset: only when the body was
   * edited. `false`: never — an edited body goes out under the original signature, which is
   * how a user tests the handler's reject path.
   */
  resign?: boolean
  /** Give the message a new id (implies re-signing). */
  newId?: boolean
  secrets?: SecretSources
  now?: () => Date
  dispatcher?: Dispatcher
  responseCapBytes?: number
  /** When given, the delivery is recorded there. */
  store?: { put(delivery: Delivery): Promise<void> }
}

/** How old a timestamped signature may be before handlers usually refuse it. */
const TYPICAL_TOLERANCE_S = 300

export async function replayRequest(opts: ReplayOptions): Promise<Delivery> {
  const now = opts.now ?? (() => new Date())
  const prepared = prepareReplay(opts, now())
  const attempt = await sendHttp({
    method: opts.event.method,
    url: prepared.url,
    headers: prepared.headers,
    body: prepared.body,
    timeoutMs: opts.timeoutMs,
    dispatcher: opts.dispatcher,
    responseCapBytes: opts.responseCapBytes,
  })
  const at = now()
  const base = newDelivery({
    eventId: opts.event.id,
    target: prepared.url,
    kind: 'replay',
    // An edited body is stored here, once; the captured bytes only by reference.
    request: storedRequest(attempt.request, prepared.body, prepared.edited),
    now: at,
    notes: prepared.notes,
  })
  const delivery = { ...base, ...attemptPatch(base, attempt, at, 'failed') }
  // A token scheme's "signature" is the secret itself: the record never keeps it.
  const masked = new Set(prepared.secretHeaders.map((h) => h.toLowerCase()))
  if (masked.size > 0) {
    delivery.request.headers = delivery.request.headers.map(([k, v]) =>
      masked.has(k.toLowerCase()) ? [k, maskSecret(v)] : [k, v],
    )
  }
  if (opts.store) await opts.store.put(delivery)
  return delivery
}

export interface PreparedReplay {
  url: string
  headers: HeaderPair[]
  body: Buffer
  notes: string[]
  /** Headers carrying a configured secret verbatim (masked in the delivery record). */
  secretHeaders: string[]
  /** The body differs from the captured bytes. */
  edited: boolean
}

/** Everything but the sending: exported so forwarding and tests can build the same request. */
export function prepareReplay(opts: ReplayOptions, at: Date): PreparedReplay {
  const url = targetUrl(opts.to, opts.event, opts.appendPath)
  let headers = buildHeaders(opts.event.headers, {
    setHeaders: opts.setHeaders,
    removeHeaders: opts.removeHeaders,
  })
  const body = opts.bodyOverride ?? opts.body
  const bodyEdited = opts.bodyOverride !== undefined && !opts.bodyOverride.equals(opts.body)
  const notes: string[] = []
  const secretHeaders: string[] = []
  if (bodyEdited) notes.push(`body replaced (${opts.body.length} → ${body.length} bytes)`)

  const scheme = opts.event.verification?.scheme ?? detectScheme(opts.event.headers, opts.body)
  const keepSignature = opts.resign === false && !opts.newId
  if (bodyEdited && scheme && keepSignature) {
    notes.push(
      `sent with the original ${scheme} signature over the old body: the handler should reject it`,
    )
  } else if (opts.resign || opts.newId || (bodyEdited && scheme)) {
    const r = resign({
      method: opts.event.method,
      headers,
      body,
      scheme,
      sources: {
        verifierId: opts.event.verification?.verifierId,
        validVerifierId:
          opts.event.verification?.status === 'valid'
            ? (opts.event.verification.verifierId ?? null)
            : null,
        ...opts.secrets,
      },
      nowSec: Math.floor(at.getTime() / 1000),
      newId: Boolean(opts.newId),
      url,
    })
    headers = r.headers
    notes.push(...r.notes)
    secretHeaders.push(...r.secretHeaders)
    if (bodyEdited && !r.signed && r.scheme) {
      notes.push(
        `the body changed but the ${r.scheme} signature did not: the handler will reject it`,
      )
    }
  } else if (scheme && SIGNERS.get(scheme)?.timestamped) {
    const signedAt = signedTimestamp(opts.event.headers)
    const ageMs = at.getTime() - (signedAt ?? Date.parse(opts.event.receivedAt))
    if (ageMs > TYPICAL_TOLERANCE_S * 1000) {
      notes.push(
        `${signedAt ? 'signed' : 'captured'} ${formatAge(ageMs)} ago: ${scheme} handlers usually reject signatures older than 5 minutes — replay with re-signing`,
      )
    }
  }
  return { url, headers, body, notes, secretHeaders, edited: bodyEdited }
}

function formatAge(ms: number): string {
  const s = Math.round(ms / 1000)
  if (s < 120) return `${s} s`
  if (s < 7200) return `${Math.round(s / 60)} min`
  if (s < 172_800) return `${Math.round(s / 3600)} h`
  return `${Math.round(s / 86_400)} days`
}

/** The sender's signing time (ms) from the usual timestamp headers, when one is present. */
function signedTimestamp(headers: HeaderPair[]): number | null {
  const get = (n: string) => headerValue(headers, n)
  const raw =
    get('webhook-timestamp') ??
    get('svix-timestamp') ??
    get('x-slack-request-timestamp') ??
    get('x-agentgateway-timestamp') ??
    get('x-zm-request-timestamp') ??
    /(?:^|[,;])\s*(?:t|ts)=(\d+)/.exec(
      get('stripe-signature') ?? get('paddle-signature') ?? '',
    )?.[1]
  const n = raw ? Number(raw) : NaN
  return Number.isFinite(n) && n > 0 ? n * 1000 : null
}
