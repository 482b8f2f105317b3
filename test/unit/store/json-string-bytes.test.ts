/** The byte-level JSON string literal equals JSON.stringify's for every kind of UTF-8 body. */
import { describe, expect, it } from 'vitest'
import { randomBytes } from 'node:crypto'
import { isUtf8 } from 'node:buffer'
import type { EventSummary } from '../../../shared/event'
import {
  jsonStringLength,
  jsonStringParts,
  writeJsonString,
} from '../../../electron/core/store/json-string-bytes'

const viaString = (b: Buffer) => Buffer.from(JSON.stringify(b.toString('utf8')))
const viaParts = (b: Buffer) => Buffer.concat(jsonStringParts(b)!)

/** 2,000 random byte strings of 1–64 bytes (half ASCII), keeping the valid UTF-8 ones. */
function randomUtf8Bodies(): Buffer[] {
  const out: Buffer[] = []
  for (let i = 0; i < 2000; i++) {
    const b = Buffer.from(randomBytes(1 + (i % 64)).map((x) => (i % 2 ? x & 0x7f : x)))
    if (isUtf8(b)) out.push(b)
  }
  return out
}

/** An event's line as the plain string route builds it: what the byte-level route must equal. */
function stringRouteLine(e: EventSummary, body: Buffer): string {
  const { headers: _h, ...meta } = e
  return `${JSON.stringify(meta).slice(0, -1)},"headers":${JSON.stringify(e.headers)},"bodyEncoding":"utf8","body":${JSON.stringify(body.toString('utf8'))}}\n`
}

describe('jsonStringParts', () => {
  it('matches JSON.stringify on quotes, backslashes, controls, multi-byte text', () => {
    const samples = [
      '',
      'plain',
      '{"a":"b\\\\c","n":[1,2]}\n',
      '\u0000\u0001\b\t\n\u000b\f\r\u001f\u007f',
      'é中😀\u2028\u2029 "quoted" \\',
    ]
    for (const s of samples)
      expect(viaParts(Buffer.from(s)).equals(viaString(Buffer.from(s)))).toBe(true)
  })

  it('gives up past the escape budget', () => {
    expect(jsonStringParts(Buffer.from('"a" "b"'), 3)).toBeNull()
    expect(jsonStringParts(Buffer.from('"a" "b"'), 4)).not.toBeNull()
  })

  it('matches JSON.stringify on random valid UTF-8', () => {
    const bodies = randomUtf8Bodies()
    expect(bodies.length).toBeGreaterThan(500)
    for (const b of bodies) expect(viaParts(b).equals(viaString(b))).toBe(true)
  })
})

describe('writeJsonString', () => {
  const viaWrite = (b: Buffer) => {
    const out = Buffer.alloc(jsonStringLength(b) + 4, 0xee)
    const end = writeJsonString(b, out, 2)
    expect(end).toBe(2 + jsonStringLength(b))
    expect(out.subarray(0, 2).equals(Buffer.from([0xee, 0xee]))).toBe(true)
    expect(out.subarray(end).equals(Buffer.from([0xee, 0xee]))).toBe(true)
    return out.subarray(2, end)
  }

  it('writes exactly JSON.stringify’s bytes, and only where told', () => {
    for (const s of [
      '',
      'plain',
      '"',
      '\\',
      '{"a":"b\\\\c"}\n',
      '\u0000\u001f\u007f',
      'é中😀 "q" \\',
    ])
      expect(viaWrite(Buffer.from(s)).equals(viaString(Buffer.from(s)))).toBe(true)
  })

  it('matches JSON.stringify on random valid UTF-8', () => {
    const bodies = randomUtf8Bodies()
    expect(bodies.length).toBeGreaterThan(500)
    for (const b of bodies) expect(viaWrite(b).equals(viaString(b))).toBe(true)
  })
})

describe('event lines', () => {
  it('are the same bytes as the string route would give, for small and big bodies', async () => {
    const { eventLine, bodyFromLine } = await import('../../../electron/core/store/log-format')
    const { testEvent } = await import('../../helpers/store-events')
    const big = JSON.stringify({ text: 'é"\\\n'.repeat(50), pad: 'x'.repeat(40_000) })
    for (const text of ['', '{"type":"task.status","q":"\\"é\\u0001"}', 'x'.repeat(1000), big]) {
      const body = Buffer.from(text)
      const e = testEvent()
      const line = eventLine(e, body)
      expect(line.toString('utf8')).toBe(stringRouteLine(e, body))
      expect(bodyFromLine(line.subarray(0, -1)).equals(body)).toBe(true)
    }
  })
})
