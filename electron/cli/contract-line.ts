/**
 * The `listen --json` line of an event: the contract object with its body, as
 * `events show --json` prints it, made safe for a terminal. It runs once per captured request
 * on the answer's thread, so it is built from two JSON texts joined rather than by copying the
 * event into a new object and serialising the body a second time inside it.
 */
import { isAscii } from 'node:buffer'
import type { EventSummary } from '../../shared/event'
import { encodeBody } from '../core/store/body-encoding'
import { terminalJson } from './terminal-text'

/**
 * Byte for byte `terminalJson(JSON.stringify({ ...event, ...encodeBody(body) }))`: the event's
 * keys in their order, then `body`, then `bodyEncoding` (test/unit/cli/contract-line.test.ts
 * compares the two over random events and bodies).
 */
export function contractLine(event: EventSummary, body: Buffer): string {
  const encoded = encodeBody(body)
  const head = JSON.stringify(event)
  // An event that already has a body key (or no key at all) would not append at the end.
  if (head.length < 3 || 'body' in event || 'bodyEncoding' in event) {
    return terminalJson(JSON.stringify({ ...event, ...encoded }))
  }
  // Base64 text needs no JSON escaping; UTF-8 text is escaped by JSON.stringify as a string.
  const literal =
    encoded.bodyEncoding === 'base64' ? `"${encoded.body}"` : JSON.stringify(encoded.body)
  return terminalJson(
    `${head.slice(0, -1)},"body":${literal},"bodyEncoding":"${encoded.bodyEncoding}"}`,
  )
}

/**
 * The `listen --json` line from the event's line as the log holds it (Captured.line): the same
 * object as `contractLine`'s — the event with `bodyEncoding` and `body` — with the keys in the
 * log's order (headers after the other metadata, `bodyEncoding` before `body`). Nothing is
 * serialised again: plain ASCII without DEL (nearly every line) goes out as its bytes, without
 * the newline; anything else is decoded and made safe for a terminal as `contractLine` is.
 */
export function storedContractLine(line: readonly Buffer[]): Buffer | string {
  const plain = line.every((part) => isAscii(part) && !part.includes(0x7f))
  const bytes = line.length === 1 ? line[0] : Buffer.concat(line)
  const withoutNewline = bytes.subarray(0, bytes.length - 1)
  return plain ? withoutNewline : terminalJson(withoutNewline.toString('utf8'))
}
