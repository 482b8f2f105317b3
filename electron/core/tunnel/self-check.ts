/**
 * The tunnel self-check: a request sent to the public URL that must travel the whole way
 * (public server → localtunnel client → local receiver) and come back with our nonce. The
 * receiver answers it itself (never stores it) through `SelfCheckRegistry.answer`; only
 * nonces this process issued are answered, and each only once, so a stranger cannot use
 * the header to hide requests from capture.
 */
import { randomBytes } from 'node:crypto'
import { headerValue } from '../../../shared/headers'
import { BYPASS_REMINDER_HEADER, REMINDER_EXPLANATION, isReminderPage } from './tunnel-rules'

export const SELF_CHECK_PATH = '/.well-known/hooklens-self-check'
export const SELF_CHECK_HEADER = 'x-hooklens-self-check'
const ECHO_PREFIX = 'hooklens-self-check '

export interface SelfCheckAnswer {
  status: number
  contentType: string
  body: string
}

type HeaderLike = [string, string][] | Record<string, string | string[] | undefined>

function nonceFrom(headers: HeaderLike): string | undefined {
  if (Array.isArray(headers)) {
    return headerValue(headers, SELF_CHECK_HEADER)
  }
  const v = headers[SELF_CHECK_HEADER] ?? headers['X-Hooklens-Self-Check']
  return Array.isArray(v) ? v[0] : v
}

/** Nonces in flight. Shared by the manager (issues) and the receiver (answers). */
export class SelfCheckRegistry {
  private readonly pending = new Map<string, number>()
  private readonly arrived = new Set<string>()

  issue(): string {
    const nonce = randomBytes(18).toString('base64url')
    this.pending.set(nonce, Date.now())
    // A check that never came back must not keep its nonce forever.
    if (this.pending.size > 64) {
      const oldest = this.pending.keys().next().value
      if (oldest !== undefined) this.pending.delete(oldest)
    }
    return nonce
  }

  /**
   * For the receiver: the answer to send when this request is one of our self-checks (do not
   * store it), else null (capture it as usual).
   */
  answer(method: string, path: string, headers: HeaderLike): SelfCheckAnswer | null {
    if (method !== 'GET' || path !== SELF_CHECK_PATH) return null
    const nonce = nonceFrom(headers)
    if (!nonce || !this.pending.has(nonce)) return null
    this.pending.delete(nonce)
    this.arrived.add(nonce)
    return { status: 200, contentType: 'text/plain', body: ECHO_PREFIX + nonce }
  }

  /** True once (consumes the mark) when the receiver answered this nonce. */
  consumeArrival(nonce: string): boolean {
    this.pending.delete(nonce)
    return this.arrived.delete(nonce)
  }
}

export type SelfCheckResult =
  | { ok: true; reminder: boolean }
  | {
      ok: false
      fatal: boolean
      reminder: boolean
      reason: string
      /** The public server itself said the client is gone (no need to ask twice). */
      definitive?: boolean
    }

export interface SelfCheckOptions {
  publicUrl: string
  registry: SelfCheckRegistry
  fetch: typeof fetch
  timeoutMs: number
  signal?: AbortSignal
  /** Send the bypass header (after a reminder page was seen). */
  bypassReminder?: boolean
  userAgent?: string
}

/**
 * One self-check round trip. `fatal` means the tunnel itself is gone (503/404 from the
 * public server, or a network failure) and must be rebuilt; a non-fatal failure means the
 * request got through but the receiver did not echo (not wired for self-checks).
 */
export async function runSelfCheck(opts: SelfCheckOptions): Promise<SelfCheckResult> {
  const nonce = opts.registry.issue()
  const url = opts.publicUrl.replace(/\/+$/, '') + SELF_CHECK_PATH
  const headers: Record<string, string> = {
    [SELF_CHECK_HEADER]: nonce,
    'user-agent': opts.userAgent ?? 'hooklens-self-check',
  }
  if (opts.bypassReminder) headers[BYPASS_REMINDER_HEADER] = 'true'
  const timeout = AbortSignal.timeout(opts.timeoutMs)
  const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout
  let status: number
  let contentType: string | null
  let body: string
  try {
    const res = await opts.fetch(url, { headers, signal, redirect: 'manual' })
    status = res.status
    contentType = res.headers.get('content-type')
    body = await res.text()
  } catch (err) {
    opts.registry.consumeArrival(nonce)
    const code = (err as { cause?: { code?: string } }).cause?.code
    if (code === 'ENOTFOUND') {
      // This machine's resolver cannot see the public name; the tunnel may well be fine for
      // the rest of the world, and rebuilding would only change the URL for nothing.
      return {
        ok: false,
        fatal: false,
        reminder: false,
        reason: `self-check skipped: ${new URL(url).hostname} does not resolve from this machine`,
      }
    }
    const why = timeout.aborted
      ? `no answer within ${opts.timeoutMs} ms`
      : (code ?? ((err as Error).message || String(err)))
    return { ok: false, fatal: true, reminder: false, reason: `self-check failed: ${why}` }
  }
  const arrived = opts.registry.consumeArrival(nonce)
  if (arrived && status === 200 && body.includes(ECHO_PREFIX + nonce)) {
    return { ok: true, reminder: false }
  }
  if (isReminderPage(status, contentType, body)) {
    return {
      ok: false,
      fatal: false,
      reminder: true,
      reason: `self-check hit the reminder page: ${REMINDER_EXPLANATION}`,
    }
  }
  if (status === 503 || status === 502 || status === 504 || status === 404) {
    return {
      ok: false,
      fatal: true,
      definitive: true,
      reminder: false,
      reason: `public server answered ${status} through the tunnel: the tunnel client is gone`,
    }
  }
  if (arrived) {
    return {
      ok: false,
      fatal: false,
      reminder: false,
      reason: `self-check reached the receiver but got ${status} without the echo`,
    }
  }
  return {
    ok: false,
    fatal: false,
    reminder: false,
    reason: `self-check answered ${status} but never reached the receiver (is the receiver wired for ${SELF_CHECK_PATH}?)`,
  }
}
