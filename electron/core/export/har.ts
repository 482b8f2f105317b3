/**
 * HAR 1.2 export of captured events: each event becomes one entry whose request is the
 * webhook as received and whose response is what the receiver answered. Bodies are copied
 * verbatim (text, or base64 with `_encoding` for binary) — never parsed and re-serialised.
 */
import { STATUS_CODES } from 'node:http'
import type { CapturedEvent, EventResponse } from '../../../shared/event'
import { headerValue } from '../../../shared/event'
import { eventUrl, type ExportOptions } from './url'

export interface HarNameValue {
  name: string
  value: string
}

export interface HarEntry {
  startedDateTime: string
  time: number
  request: {
    method: string
    url: string
    httpVersion: string
    cookies: HarNameValue[]
    headers: HarNameValue[]
    queryString: HarNameValue[]
    postData?: { mimeType: string; text: string; params: HarNameValue[]; _encoding?: 'base64' }
    headersSize: number
    bodySize: number
  }
  response: {
    status: number
    statusText: string
    httpVersion: string
    cookies: HarNameValue[]
    headers: HarNameValue[]
    content: { size: number; mimeType: string }
    redirectURL: string
    headersSize: number
    bodySize: number
  }
  cache: Record<string, never>
  timings: { send: number; wait: number; receive: number }
  _hooklens: Pick<
    CapturedEvent,
    'id' | 'sha256' | 'verification' | 'idempotency' | 'classification' | 'via'
  >
}

export interface HarLog {
  log: {
    version: '1.2'
    creator: { name: string; version: string }
    entries: HarEntry[]
  }
}

export function toHar(events: CapturedEvent[], opts: ExportOptions = {}): HarLog {
  return {
    log: {
      version: '1.2',
      creator: { name: 'Hooklens', version: opts.version ?? '0.1.0' },
      entries: events.map((e) => harEntry(e, opts)),
    },
  }
}

function harEntry(e: CapturedEvent, opts: ExportOptions): HarEntry {
  const latency = Math.max(0, Math.round(e.response?.latencyMs ?? 0))
  const hasBody = e.size > 0 || e.body.length > 0
  return {
    startedDateTime: e.receivedAt,
    time: latency,
    request: {
      method: e.method,
      url: eventUrl(e, opts),
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: e.headers.map(([name, value]) => ({ name, value })),
      queryString: parseQuery(e.query),
      ...(hasBody
        ? {
            postData: {
              mimeType: headerValue(e.headers, 'content-type') ?? 'application/octet-stream',
              text: e.body,
              params: formParams(e),
              ...(e.bodyEncoding === 'base64' ? { _encoding: 'base64' as const } : {}),
            },
          }
        : {}),
      headersSize: -1,
      bodySize: e.size,
    },
    response: harResponse(e.response),
    cache: {},
    timings: { send: 0, wait: latency, receive: 0 },
    _hooklens: {
      id: e.id,
      sha256: e.sha256,
      verification: e.verification,
      idempotency: e.idempotency,
      classification: e.classification,
      via: e.via,
    },
  }
}

/** A form-encoded text body's fields, as HAR's postData.params lists them. */
function formParams(e: CapturedEvent): HarNameValue[] {
  const type = headerValue(e.headers, 'content-type') ?? ''
  if (e.bodyEncoding !== 'utf8' || !/^application\/x-www-form-urlencoded/i.test(type)) return []
  return parseQuery(e.body)
}

function parseQuery(query: string): HarNameValue[] {
  if (!query) return []
  return query.split('&').map((part) => {
    const eq = part.indexOf('=')
    const name = eq < 0 ? part : part.slice(0, eq)
    const value = eq < 0 ? '' : part.slice(eq + 1)
    return { name: safeDecode(name), value: safeDecode(value) }
  })
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '))
  } catch {
    return s
  }
}

/** What the receiver answered: status, the headers Hooklens set, and its (short) body. */
function harResponse(r: EventResponse | undefined) {
  const headers = r?.headers ?? []
  const body = r?.body ?? ''
  const type = headerValue(headers, 'content-type') ?? ''
  return {
    status: r?.status ?? 0,
    statusText: STATUS_CODES[r?.status ?? 0] ?? '',
    httpVersion: 'HTTP/1.1',
    cookies: [],
    headers: headers.map(([name, value]) => ({ name, value })),
    content: { size: Buffer.byteLength(body), mimeType: type, ...(body ? { text: body } : {}) },
    redirectURL: '',
    headersSize: -1,
    bodySize: Buffer.byteLength(body),
  }
}
