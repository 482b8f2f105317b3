/**
 * Sends one HTTP request with undici and reports the exchange as an AttemptResult: the
 * request as written (raw header array, so order, case and duplicates survive), the answer
 * (body capped), the latency, and a plain sentence when it went wrong.
 */
import type { Dispatcher } from 'undici'
import type { HeaderPair } from '../../../shared/event'
import { encodeBody } from '../store/body-encoding'
import type { AttemptResult, ReceivedResponse, SentRequest } from './types'

export const DEFAULT_TIMEOUT_MS = 30_000
export const DEFAULT_RESPONSE_CAP = 64 * 1024

export interface HttpRequestSpec {
  method: string
  url: string
  /** Without hop-by-hop headers (see request-build.ts). */
  headers: HeaderPair[]
  body: Buffer
  timeoutMs?: number
  responseCapBytes?: number
  /** Defaults to undici's global dispatcher (keep-alive pool). */
  dispatcher?: Dispatcher
}

export async function sendHttp(spec: HttpRequestSpec): Promise<AttemptResult> {
  const timeoutMs = spec.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const cap = spec.responseCapBytes ?? DEFAULT_RESPONSE_CAP
  const url = new URL(spec.url)
  const sent = describeSent(spec, url)
  const flat: string[] = []
  for (const [k, v] of spec.headers) flat.push(k, v)

  const controller = new AbortController()
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    controller.abort()
  }, timeoutMs)
  // Imported on first send, not at start-up: undici costs ~200 ms of CPU to load, which
  // `hooklens listen` (forwarding may never be used) and `deliveries` need not pay.
  const { request } = await import('undici')
  const started = performance.now()
  try {
    const res = await request(url, {
      method: spec.method as Dispatcher.HttpMethod,
      headers: flat,
      body: spec.body.length > 0 || !['GET', 'HEAD'].includes(spec.method) ? spec.body : null,
      signal: controller.signal,
      dispatcher: spec.dispatcher,
      headersTimeout: timeoutMs + 1000,
      bodyTimeout: timeoutMs + 1000,
    })
    const { bytes, size } = await readCapped(res.body, cap)
    const latencyMs = performance.now() - started
    const encoded = encodeBody(bytes)
    const response: ReceivedResponse = {
      status: res.statusCode,
      headers: responseHeaders(res.headers),
      ...encoded,
      size,
      truncated: size > bytes.length,
    }
    const ok = res.statusCode >= 200 && res.statusCode < 300
    const retryAfter = firstValue(res.headers['retry-after'])
    return {
      ok,
      request: sent,
      response,
      error: ok ? null : `${url.host} answered ${res.statusCode}${snippet(bytes)}`,
      errorCode: ok ? null : `HTTP_${res.statusCode}`,
      latencyMs,
      retryAfter,
    }
  } catch (err) {
    const latencyMs = performance.now() - started
    const { code, message } = plainError(err, url, timedOut, timeoutMs)
    return {
      ok: false,
      request: sent,
      response: null,
      error: message,
      errorCode: code,
      latencyMs,
      retryAfter: null,
    }
  } finally {
    clearTimeout(timer)
  }
}

/** The request as undici writes it: Host and Connection first, Content-Length last. */
function describeSent(spec: HttpRequestSpec, url: URL): SentRequest {
  const headers: HeaderPair[] = [['host', url.host], ['connection', 'keep-alive'], ...spec.headers]
  if (spec.body.length > 0 || !['GET', 'HEAD'].includes(spec.method)) {
    headers.push(['content-length', String(spec.body.length)])
  }
  return {
    method: spec.method,
    url: url.toString(),
    headers,
    ...encodeBody(spec.body),
    size: spec.body.length,
  }
}

async function readCapped(
  body: AsyncIterable<Buffer | Uint8Array>,
  cap: number,
): Promise<{ bytes: Buffer; size: number }> {
  const chunks: Buffer[] = []
  let kept = 0
  let size = 0
  // Read to the end even past the cap so the keep-alive connection can be reused.
  for await (const chunk of body) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk)
    size += buf.length
    if (kept < cap) {
      const part = buf.subarray(0, cap - kept)
      chunks.push(part)
      kept += part.length
    }
  }
  return { bytes: Buffer.concat(chunks), size }
}

function responseHeaders(headers: Record<string, string | string[] | undefined>): HeaderPair[] {
  const out: HeaderPair[] = []
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined) continue
    for (const value of Array.isArray(v) ? v : [v]) out.push([k, value])
  }
  return out
}

function firstValue(v: string | string[] | undefined): string | null {
  if (v === undefined) return null
  return Array.isArray(v) ? (v[0] ?? null) : v
}

function snippet(bytes: Buffer): string {
  const text = bytes.subarray(0, 200).toString('utf8').replace(/\s+/g, ' ').trim()
  return text ? `: ${text}${bytes.length > 200 ? '…' : ''}` : ''
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`
  const s = ms / 1000
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`
}

function plainError(
  err: unknown,
  url: URL,
  timedOut: boolean,
  timeoutMs: number,
): { code: string; message: string } {
  const host = url.host
  if (timedOut) {
    return { code: 'TIMEOUT', message: `no answer from ${host} after ${formatDuration(timeoutMs)}` }
  }
  const e = err as { code?: string; message?: string; cause?: { code?: string } }
  const code = e?.code ?? e?.cause?.code ?? 'ERROR'
  switch (code) {
    case 'ECONNREFUSED':
      return { code, message: `nothing is listening on ${host} — is your handler running?` }
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return { code, message: `cannot resolve the host name ${url.hostname}` }
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
    case 'EPIPE':
      return { code, message: `${host} closed the connection before answering` }
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'ETIMEDOUT':
      return {
        code: 'TIMEOUT',
        message: `no answer from ${host} after ${formatDuration(timeoutMs)}`,
      }
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return { code, message: `${host} cannot be reached from this machine` }
    default:
      return { code, message: `sending to ${host} failed: ${e?.message ?? String(err)}` }
  }
}
