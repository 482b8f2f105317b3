/**
 * An event's line built in one pass into the line slab is byte for byte the line of the plain
 * string route (stringify, join, encode), with its headers JSON where the record says, for random
 * metadata (multi-byte and escaped characters), headers and bodies of every route (small and big
 * UTF-8, binary) — and lines built one after another never share or overwrite each other's bytes.
 */
import { describe, expect, it } from 'vitest'
import { randomBytes } from 'node:crypto'
import { isUtf8 } from 'node:buffer'
import type { EventSummary, HeaderPair } from '../../../shared/event'
import { eventRecord } from '../../../electron/core/store/log-format'
import { testEvent } from '../../helpers/store-events'

const CHARS = ['a', 'Z', '0', ' ', '"', '\\', '\n', '\u0001', 'é', '中', '😀', '\ud800', '\u2028']

function randomText(max: number): string {
  let s = ''
  const n = Math.floor(Math.random() * max)
  for (let i = 0; i < n; i++) s += CHARS[Math.floor(Math.random() * CHARS.length)]
  return s
}

function randomEvent(): EventSummary {
  const headers: HeaderPair[] = []
  for (let i = Math.floor(Math.random() * 6); i > 0; i--)
    headers.push([randomText(12), randomText(40)])
  return testEvent({
    path: `/${randomText(30)}`,
    query: randomText(10),
    headers,
    verification: { scheme: null, status: 'none', reason: randomText(50) },
    classification: { platform: 'unknown', eventType: randomText(8) || null, subject: null },
  })
}

function randomBody(i: number): Buffer {
  switch (i % 6) {
    case 0:
      return Buffer.from(randomText(200))
    case 1:
      return randomBytes(Math.floor(Math.random() * 300)) // mostly not UTF-8: base64
    case 2:
      return Buffer.from(randomText(3000) + 'x'.repeat(20_000)) // big: views of the body
    case 3:
      return Buffer.from('"'.repeat(17_000)) // big and full of escapes: one buffer
    case 4:
      return Buffer.from(randomText(3000)) // about the small-body limit, on either side
    default:
      return Buffer.alloc(0)
  }
}

/** The line as the plain string route builds it. */
function stringRouteLine(e: EventSummary, body: Buffer): Buffer {
  const { headers, ...meta } = e
  const head = `${JSON.stringify(meta).slice(0, -1)},"headers":${JSON.stringify(headers)}`
  const tail = isUtf8(body)
    ? `"bodyEncoding":"utf8","body":${JSON.stringify(body.toString('utf8'))}`
    : `"bodyEncoding":"base64","body":"${body.toString('base64')}"`
  return Buffer.from(`${head},${tail}}\n`)
}

describe('eventRecord', () => {
  it('gives the string route’s bytes, with the headers where it says', () => {
    const built: { record: ReturnType<typeof eventRecord>; e: EventSummary; body: Buffer }[] = []
    for (let i = 0; i < 1500; i++) {
      const e = randomEvent()
      const body = randomBody(i)
      built.push({ record: eventRecord(e, body), e, body })
    }
    // Checked only once all are built: a later line must not have written over an earlier one.
    for (const { record, e, body } of built) {
      const line = Buffer.concat(record.parts)
      expect(line.equals(stringRouteLine(e, body))).toBe(true)
      expect(record.length).toBe(line.length)
      const { at, length } = record.headers
      expect(line.toString('utf8', at, at + length)).toBe(JSON.stringify(e.headers))
    }
  })
})
