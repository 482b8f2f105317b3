/**
 * The event log's line format. Each event is one line holding the full contract JSON with
 * `bodyEncoding` and `body` as its last two keys; an update of derived fields is a line
 * `{"op":"update","id":…,"patch":{…}}`. Because the body comes last and JSON escapes quotes
 * inside strings, the metadata can be parsed without touching (or decoding) the body bytes.
 */
import type { BodyEncoding, CapturedEvent, EventSummary } from '../../../shared/event'
import { isUtf8 } from 'node:buffer'
import { decodeBody, encodeBody } from './body-encoding'
import {
  jsonStringBound,
  jsonStringLength,
  jsonStringParts,
  writeJsonString,
  writeSmallJsonString,
} from './json-string-bytes'
import { LineSlab } from './line-slab'

const BODY_MARKER = Buffer.from(',"bodyEncoding":"')
const HEADERS_MARKER = Buffer.from(',"headers":[')
export const HEADERS_MARKER_LENGTH = HEADERS_MARKER.length

export type DerivedPatch = Partial<
  Pick<
    EventSummary,
    'verification' | 'idempotency' | 'classification' | 'warnings' | 'response' | 'findings'
  >
>

/** An event's metadata as the index keeps it: headers stay on disk until asked for. */
export type EventMeta = Omit<EventSummary, 'headers'>

/** Where an event line's headers JSON sits inside the line (bytes), or the parsed headers. */
export type HeadersRef = { at: number; length: number } | EventSummary['headers']

export type LogRecord =
  | {
      op: 'event'
      id: string
      /** Bytes of the metadata JSON before `,"headers":` (parse it with `parseMeta`). */
      metaLength: number
      /** Parsed already when the line had to be parsed whole (headers elsewhere). */
      meta: EventMeta | null
      headers: HeadersRef
    }
  | { op: 'update'; id: string; patch: DerivedPatch }

export function eventLine(
  event: EventSummary,
  body: Buffer,
  headersJson = JSON.stringify(event.headers),
): Buffer {
  return Buffer.concat(eventRecord(event, body, headersJson).parts)
}

/**
 * The event's line as parts (written with one gathered write, never concatenated: a 100 KiB
 * body is not copied once more) and where its headers JSON sits in the line (bytes).
 */
export function eventRecord(
  event: EventSummary,
  body: Buffer,
  headersJson = JSON.stringify(event.headers),
  meta: Omit<EventSummary, 'headers'> = metaOf(event),
): { parts: Buffer[]; length: number; headers: { at: number; length: number } } {
  // Headers go last among the metadata so the index can find their JSON text in the line.
  const metaJson = JSON.stringify(meta)
  // A UTF-16 code unit takes at most 3 bytes of UTF-8: room for the strings without measuring them.
  const headBound = 3 * (metaJson.length + headersJson.length) + HEADERS_KEY.length
  let parts: Buffer[]
  let headers: { at: number; length: number }
  if (isUtf8(body)) {
    // The body is escaped at the byte level, never decoded: a big one as views of the body
    // between escapes (no copy); a small one, or one full of quotes, written with the rest of
    // the line into one slice of the slab (no allocation of its own, one iovec in the write).
    const small = body.length <= SMALL_BODY
    const literal = body.length >= BYTE_ESCAPE_FROM ? jsonStringParts(body, body.length >> 6) : null
    const bodyRoom = small ? jsonStringBound(body.length) : literal ? 0 : jsonStringLength(body)
    slab.reserve(headBound + UTF8_BODY.length + bodyRoom + CLOSE.length)
    const { buf, at } = slab
    headers = writeHead(buf, at, metaJson, headersJson)
    let end = at + headers.at + headers.length
    end += UTF8_BODY.copy(buf, end)
    if (literal) parts = [slab.take(end), ...literal, CLOSE]
    else {
      end = small ? writeSmallJsonString(body, buf, end) : writeJsonString(body, buf, end)
      parts = [slab.take(end + CLOSE.copy(buf, end))]
    }
  } else {
    // Base64 needs no JSON escaping: its bytes go in directly.
    slab.reserve(headBound + BASE64_BODY.length)
    const { buf, at } = slab
    headers = writeHead(buf, at, metaJson, headersJson)
    const end = at + headers.at + headers.length
    parts = [
      slab.take(end + BASE64_BODY.copy(buf, end)),
      Buffer.from(body.toString('base64'), 'latin1'),
      QUOTE_CLOSE,
    ]
  }
  let length = 0
  for (const p of parts) length += p.length
  return { parts, length, headers }
}

/**
 * Writes `{<meta>,"headers":<headers>` at `at` (the metadata object's closing brace replaced):
 * where the headers JSON sits relative to `at`, and its byte length.
 */
function writeHead(
  buf: Buffer,
  at: number,
  metaJson: string,
  headersJson: string,
): { at: number; length: number } {
  const metaEnd = at + buf.write(metaJson, at) - 1
  const headersAt = metaEnd + HEADERS_KEY.copy(buf, metaEnd)
  return { at: headersAt - at, length: buf.write(headersJson, headersAt) }
}

const slab = new LineSlab()
const HEADERS_KEY = Buffer.from(',"headers":')
const UTF8_BODY = Buffer.from(',"bodyEncoding":"utf8","body":')
const BASE64_BODY = Buffer.from(',"bodyEncoding":"base64","body":"')

/** An event without its headers: what the line's metadata object holds (and the index keeps). */
export function metaOf(event: EventSummary): Omit<EventSummary, 'headers'> {
  const { headers: _headers, ...meta } = event
  return meta
}

const BYTE_ESCAPE_FROM = 16 * 1024
/** Bodies up to this size are escaped byte by byte into room for the worst case (json-string-bytes). */
const SMALL_BODY = 4 * 1024

const CLOSE = Buffer.from('}\n')
const QUOTE_CLOSE = Buffer.from('"}\n')

export function updateLine(id: string, patch: DerivedPatch): Buffer {
  return Buffer.from(`${JSON.stringify({ op: 'update', id, patch })}\n`)
}

/** Parses one line (without its newline). Throws on a malformed line. */
export function parseLine(line: Buffer): LogRecord {
  const at = line.lastIndexOf(BODY_MARKER)
  if (at === -1) {
    const obj = JSON.parse(line.toString('utf8')) as {
      op?: string
      id?: string
      patch?: DerivedPatch
    }
    if (obj.op === 'update' && typeof obj.id === 'string' && obj.patch) {
      return { op: 'update', id: obj.id, patch: obj.patch }
    }
    throw new Error('unknown record')
  }
  if (line[line.length - 1] !== 0x7d /* } */) throw new Error('truncated record')
  const h = line.lastIndexOf(HEADERS_MARKER, at)
  if (h !== -1) {
    // Neither the metadata nor the headers are parsed here: the index keeps where they are and
    // reads them on demand. Our own lines start with the id; anything else is parsed to find it.
    const start = h + HEADERS_MARKER.length - 1
    const headers = { at: start, length: at - start }
    const id = leadingId(line) ?? parseMeta(line.subarray(0, h)).id
    if (typeof id !== 'string') throw new Error('event record without id')
    return { op: 'event', id, metaLength: h, meta: null, headers }
  }
  // Written by another tool with headers elsewhere: parse the whole metadata.
  const { headers: parsed, ...meta } = JSON.parse(
    `${line.toString('utf8', 0, at)}}`,
  ) as EventSummary
  if (typeof meta.id !== 'string' || typeof meta.receivedAt !== 'string') {
    throw new Error('event record without id')
  }
  return { op: 'event', id: meta.id, metaLength: at, meta, headers: parsed ?? [] }
}

const ID_PREFIX = Buffer.from('{"id":"')

/** The id of a line that starts `{"id":"<ULID>"` (no escapes possible in a ULID), else null. */
function leadingId(line: Buffer): string | null {
  if (line.compare(ID_PREFIX, 0, ID_PREFIX.length, 0, ID_PREFIX.length) !== 0) return null
  const end = line.indexOf(0x22, ID_PREFIX.length, 'latin1')
  if (end === -1 || end - ID_PREFIX.length > 64) return null
  const id = line.toString('latin1', ID_PREFIX.length, end)
  return /^[0-9A-Za-z_-]+$/.test(id) ? id : null
}

/** Parses the metadata part of an event line (the bytes before `,"headers":`). */
export function parseMeta(bytes: Buffer): EventMeta {
  return JSON.parse(`${bytes.toString('utf8')}}`) as EventMeta
}

/** Extracts the body from an event line (the part from `"bodyEncoding"` on). */
export function bodyFromLine(line: Buffer): Buffer {
  const at = line.lastIndexOf(BODY_MARKER)
  if (at === -1) throw new Error('not an event record')
  const tail = JSON.parse(`{${line.subarray(at + 1).toString('utf8')}`) as {
    bodyEncoding: BodyEncoding
    body: string
  }
  return decodeBody(tail.body, tail.bodyEncoding)
}

export function fullEvent(meta: EventSummary, body: Buffer): CapturedEvent {
  return { ...meta, ...encodeBody(body) }
}
