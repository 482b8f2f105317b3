/**
 * Builds a VerifyInput from what the outside world hands us: a request file for
 * `hooklens verify FILE` ({method, url, headers, body | bodyBase64}) or a stored event.
 * Bodies are taken as bytes (utf8 text or base64), never re-serialised.
 */
import type { CapturedEvent, HeaderPair } from '../../../shared/event'
import { headerValue } from '../../../shared/headers'
import type { VerifyInput } from './types'

/** A request file's problems are the user's to fix: the CLI maps this to exit code 2. */
export class RequestFileError extends Error {}

function headersFrom(raw: unknown): HeaderPair[] {
  if (Array.isArray(raw)) {
    return raw.map((pair) => {
      if (!Array.isArray(pair) || pair.length !== 2)
        throw new RequestFileError('headers must be [[name, value], ...] or an object')
      return [String(pair[0]), String(pair[1])]
    })
  }
  if (raw && typeof raw === 'object') {
    const out: HeaderPair[] = []
    for (const [k, v] of Object.entries(raw)) {
      for (const value of Array.isArray(v) ? v : [v]) out.push([k, String(value)])
    }
    return out
  }
  if (raw === undefined) return []
  throw new RequestFileError('headers must be [[name, value], ...] or an object')
}

function bodyFrom(doc: Record<string, unknown>): Buffer {
  if (typeof doc.bodyBase64 === 'string') return Buffer.from(doc.bodyBase64, 'base64')
  if (doc.bodyEncoding === 'base64' && typeof doc.body === 'string')
    return Buffer.from(doc.body, 'base64')
  if (typeof doc.body === 'string') return Buffer.from(doc.body, 'utf8')
  if (doc.body === undefined || doc.body === null) return Buffer.alloc(0)
  throw new RequestFileError('body must be a string (or give bodyBase64)')
}

/**
 * Reads a request file's JSON text. `receivedAt` comes from `at` (Unix seconds), else the file's
 * own receivedAt (an exported event), else `now`.
 */
export function parseRequestFile(
  text: string,
  opts: { at?: number; url?: string; now?: Date } = {},
): VerifyInput {
  let doc: unknown
  try {
    doc = JSON.parse(text)
  } catch {
    throw new RequestFileError('the request file is not valid JSON')
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc))
    throw new RequestFileError('the request file must be a JSON object')
  const d = doc as Record<string, unknown>
  const headers = headersFrom(d.headers)
  let url = opts.url ?? (typeof d.url === 'string' ? d.url : undefined)
  if (!url && typeof d.path === 'string') {
    const host = headerValue(headers, 'host') ?? 'localhost'
    url = `http://${host}${d.path}${d.query ? `?${d.query}` : ''}`
  }
  if (!url) throw new RequestFileError('the request file needs a url (or give --url)')
  let receivedAt = opts.now ?? new Date()
  if (opts.at !== undefined) receivedAt = new Date(opts.at * 1000)
  else if (typeof d.receivedAt === 'string' && !Number.isNaN(Date.parse(d.receivedAt)))
    receivedAt = new Date(d.receivedAt)
  return {
    method: typeof d.method === 'string' ? d.method : 'POST',
    url,
    headers,
    body: bodyFrom(d),
    receivedAt,
  }
}

/**
 * The input for a stored event. `localOrigin` is the receiver's origin (http://127.0.0.1:PORT);
 * an event that came through the tunnel was addressed to https://<its Host header>.
 */
export function inputFromEvent(event: CapturedEvent, localOrigin: string): VerifyInput {
  const pathAndQuery = `${event.path}${event.query ? `?${event.query}` : ''}`
  const host = headerValue(event.headers, 'x-forwarded-host') ?? headerValue(event.headers, 'host')
  const proto = headerValue(event.headers, 'x-forwarded-proto') ?? 'https'
  return {
    method: event.method,
    url: `${localOrigin.replace(/\/$/, '')}${pathAndQuery}`,
    publicUrl: event.via === 'tunnel' && host ? `${proto}://${host}${pathAndQuery}` : null,
    headers: event.headers,
    body: Buffer.from(event.body, event.bodyEncoding === 'base64' ? 'base64' : 'utf8'),
    receivedAt: new Date(event.receivedAt),
  }
}
