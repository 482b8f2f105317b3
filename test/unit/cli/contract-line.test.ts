/**
 * The `listen --json` line built from pieces is the same text as the straightforward route
 * (copy the event with its encoded body, stringify, escape for the terminal) for every kind of
 * body and for sender text full of controls, C1 characters, bidi marks and non-ASCII.
 */
import { describe, expect, it } from 'vitest'
import { randomBytes } from 'node:crypto'
import type { EventSummary } from '../../../shared/event'
import { contractLine, storedContractLine } from '../../../electron/cli/contract-line'
import { terminalJson } from '../../../electron/cli/terminal-text'
import { encodeBody } from '../../../electron/core/store/body-encoding'
import { eventRecord } from '../../../electron/core/store/log-format'
import { testEvent } from '../../helpers/store-events'

const straightforward = (event: EventSummary, body: Buffer) =>
  terminalJson(JSON.stringify({ ...event, ...encodeBody(body) }))

// Characters a stranger may send that the terminal escaping or JSON escaping must catch.
const TRICKY = ['"', '\\', '\n', '\u0000', '\u001b', '\u007f', '\u0085', '\u009b', 'é', '中', '😀']
const TRICKY_WIDE = ['\u200e', '\u202e', '\u2066', '\u2028', '\ud800']

function randomText(i: number): string {
  const bytes = randomBytes(1 + (i % 40))
  let s = ''
  for (const b of bytes) {
    if (b < 20) s += TRICKY[b % TRICKY.length]
    else if (b < 26) s += TRICKY_WIDE[b % TRICKY_WIDE.length]
    else s += String.fromCharCode(32 + (b % 95))
  }
  return s
}

/** Valid UTF-8 (ASCII, multi-byte, C1 and bidi), invalid UTF-8, empty. */
function randomBody(i: number): Buffer {
  if (i % 7 === 0) return Buffer.alloc(0)
  if (i % 3 === 0) return randomBytes(1 + (i % 90))
  return Buffer.from(randomText(i))
}

function randomEvent(i: number): EventSummary {
  return testEvent({
    path: `/${randomText(i + 1)}`,
    query: i % 2 ? randomText(i + 2) : '',
    headers: [
      ['Content-Type', 'application/json'],
      ['X-Note', randomText(i + 3)],
    ],
    classification: { platform: 'unknown', eventType: randomText(i + 4), subject: null },
    ...(i % 5 === 0 ? { warnings: [randomText(i + 5)] } : {}),
  })
}

describe('contractLine', () => {
  it('is the straightforward line, byte for byte, over 3,000 random events and bodies', () => {
    let escaped = 0
    for (let i = 0; i < 3000; i++) {
      const event = randomEvent(i)
      const body = randomBody(i)
      const expected = straightforward(event, body)
      if (expected !== JSON.stringify({ ...event, ...encodeBody(body) })) escaped++
      expect(contractLine(event, body)).toBe(expected)
    }
    // The random inputs did exercise the terminal escaping, not only the plain-ASCII route.
    expect(escaped).toBeGreaterThan(100)
  })

  it('keeps the body as the last keys: body, then bodyEncoding', () => {
    const line = contractLine(testEvent(), Buffer.from('{"a":1}'))
    expect(line.endsWith(',"body":"{\\"a\\":1}","bodyEncoding":"utf8"}')).toBe(true)
    expect(JSON.parse(contractLine(testEvent(), Buffer.from([0xff, 0x00]))).body).toBe('/wA=')
  })

  it('falls back to the straightforward route for an event that already carries a body', () => {
    const event = { ...testEvent(), body: 'old', bodyEncoding: 'utf8' } as EventSummary
    expect(contractLine(event, Buffer.from('new'))).toBe(straightforward(event, Buffer.from('new')))
  })
})

// Characters a terminal must never receive raw from a --json line (C1 controls, bidi marks, DEL).
const RAW_UNSAFE = /[\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/

describe('storedContractLine', () => {
  it('is the same object as contractLine, made safe for a terminal, over 3,000 random events', () => {
    let plain = 0
    for (let i = 0; i < 3000; i++) {
      const event = randomEvent(i)
      // Every 50th body is big enough that the stored line keeps views of the body.
      const body =
        i % 50 === 0 ? Buffer.concat([randomBody(i), Buffer.alloc(20_000, 'x')]) : randomBody(i)
      const printed = storedContractLine(eventRecord(event, body).parts)
      const text = typeof printed === 'string' ? printed : printed.toString('utf8')
      if (typeof printed !== 'string') plain++
      expect(text.includes('\n')).toBe(false)
      expect(RAW_UNSAFE.test(text)).toBe(false)
      expect(JSON.parse(text)).toEqual(JSON.parse(contractLine(event, body)))
    }
    // Both routes ran: stored bytes printed as they are, and decoded-and-escaped lines.
    expect(plain).toBeGreaterThan(100)
    expect(plain).toBeLessThan(2900)
  })

  it('prints a plain line as the stored bytes, without the newline', () => {
    const event = testEvent()
    const parts = eventRecord(event, Buffer.from('{"a":1}')).parts
    const printed = storedContractLine(parts)
    expect(Buffer.isBuffer(printed)).toBe(true)
    expect(Buffer.concat([printed as Buffer, Buffer.from('\n')])).toEqual(Buffer.concat(parts))
  })
})

describe('terminalJson', () => {
  it('leaves plain ASCII as is and escapes DEL, C1 and bidi marks', () => {
    expect(terminalJson('{"a":"plain"}')).toBe('{"a":"plain"}')
    expect(terminalJson('"\u007f\u009b\u202e é"')).toBe('"\\u007f\\u009b\\u202e é"')
  })
})
