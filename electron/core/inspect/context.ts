/**
 * What a platform detector looks at: the request line, case-insensitive header lookup, and the
 * body parsed once (JSON, or the fields of a form-encoded body). Parsing here is for reading
 * facts only; the stored bytes are never re-serialised.
 */
import type { HeaderPair } from '../../../shared/event'

export interface ClassifyInput {
  method: string
  path: string
  headers: HeaderPair[]
  body: Buffer
}

export interface ClassifyContext {
  method: string
  path: string
  headers: HeaderPair[]
  header(name: string): string | undefined
  has(name: string): boolean
  /** Header values by lower-cased name (the first of duplicates): what header() and has() read. */
  byName: ReadonlyMap<string, string>
  /** Lower-cased media type without parameters, '' when absent. */
  contentType: string
  /** The parsed JSON body; undefined when the body is not JSON. */
  json: unknown
  /** Form fields when the body is application/x-www-form-urlencoded. */
  form: URLSearchParams | null
}

/** Bodies larger than this are not parsed for classification (the diff still works on them). */
export const MAX_PARSE_BYTES = 16 * 1024 * 1024

export type Rec = Record<string, unknown>

export function isRec(v: unknown): v is Rec {
  return v !== null && typeof v === 'object' && !Array.isArray(v)
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined
}

/** A string or a number rendered as a string (ids are sometimes numeric). */
export function idStr(v: unknown): string | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v)
  return str(v)
}

export function get(v: unknown, ...path: string[]): unknown {
  let cur = v
  for (const p of path) {
    if (!isRec(cur)) return undefined
    cur = cur[p]
  }
  return cur
}

/**
 * Bodies up to this size are remembered in one slot (the last body parsed), larger ones in a
 * WeakMap. A WeakMap entry per request cost several times the parse of a 1 KiB body (its
 * ephemeron table grows and every GC walks it); the slot keeps at most this many bytes alive.
 */
const SLOT_MAX_BYTES = 64 * 1024

// classify(), idempotencyKey() and the lens read the same body for one event, one after the
// other: parse it once.
let lastBody: Buffer | null = null
let lastValue: unknown = undefined
const parsed = new WeakMap<Buffer, { value: unknown }>()

export function parseJson(body: Buffer): unknown {
  if (body === lastBody) return lastValue
  if (body.length <= SLOT_MAX_BYTES) {
    const value = parseJsonUncached(body)
    lastBody = body
    lastValue = value
    return value
  }
  const hit = parsed.get(body)
  if (hit) return hit.value
  const value = parseJsonUncached(body)
  parsed.set(body, { value })
  return value
}

function parseJsonUncached(body: Buffer): unknown {
  if (body.length === 0 || body.length > MAX_PARSE_BYTES) return undefined
  let i = 0
  while (
    i < body.length &&
    (body[i] === 0x20 || body[i] === 0x0a || body[i] === 0x0d || body[i] === 0x09)
  )
    i++
  if (body[i] !== 0x7b && body[i] !== 0x5b) return undefined // '{' or '['
  try {
    return JSON.parse(body.toString('utf8'))
  } catch {
    return undefined
  }
}

export function buildContext(input: ClassifyInput): ClassifyContext {
  const lower = new Map<string, string>()
  for (const [k, v] of input.headers) {
    const key = k.toLowerCase()
    if (!lower.has(key)) lower.set(key, v)
  }
  const contentType = mediaType(lower.get('content-type') ?? '')
  let form: URLSearchParams | null = null
  if (contentType === 'application/x-www-form-urlencoded' && input.body.length <= MAX_PARSE_BYTES) {
    form = new URLSearchParams(input.body.toString('utf8'))
  }
  return {
    method: input.method,
    path: input.path,
    headers: input.headers,
    header: (name) => lower.get(name.toLowerCase()),
    has: (name) => lower.has(name.toLowerCase()),
    byName: lower,
    contentType,
    json: form ? undefined : parseJson(input.body),
    form,
  }
}

/** `Application/JSON; charset=utf-8` → `application/json` (what `split(';')[0]` took, no array). */
function mediaType(value: string): string {
  const semi = value.indexOf(';')
  return (semi === -1 ? value : value.slice(0, semi)).trim().toLowerCase()
}
