/**
 * Mailgun's signature is read from the body's shared parse (parseJson) instead of a scan and a
 * parse of its own; this compares extractMailgun with the reading as first written over many
 * bodies: escaped keys, arrays, primitives, BOMs, forms, signatures of every JSON type.
 */
import { describe, expect, it } from 'vitest'
import { extractMailgun, mailgunExtracted } from '../../../electron/core/verify/schemes/mailgun'
import type { HeaderPair } from '../../../shared/event'

interface Sig {
  timestamp?: unknown
  token?: unknown
  signature?: unknown
}

/** readSignature as first written. */
function readByScan(headers: HeaderPair[], body: Buffer): Sig | null {
  const type = headers.find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? ''
  const form = /urlencoded|multipart/i.test(type)
  if (!form && !body.includes('"signature"')) return null
  const text = body.toString('utf8')
  if (form && !text.trimStart().startsWith('{')) {
    const p = new URLSearchParams(text)
    return p.has('signature')
      ? { timestamp: p.get('timestamp'), token: p.get('token'), signature: p.get('signature') }
      : null
  }
  if (!text.includes('"signature"')) return null
  try {
    const sig = (JSON.parse(text) as Sig).signature
    return sig && typeof sig === 'object' ? (sig as Sig) : null
  } catch {
    return null
  }
}

/** extractMailgun with the reading as first written. */
const extractByScan = (headers: HeaderPair[], body: Buffer) =>
  mailgunExtracted(readByScan(headers, body))

const SIGNATURES = [
  '{"timestamp":"1700000000","token":"t","signature":"ab"}',
  '{"timestamp":1700000000,"token":"t","signature":"ab"}',
  '{"token":"t"}',
  '{"timestamp":"x","token":"t","signature":"ab"}',
  '[]',
  '"s"',
  'null',
  '1',
  '{}',
]
const BODIES = [
  ...SIGNATURES.map((s) => `{"signature":${s},"event-data":{"event":"opened"}}`),
  ...SIGNATURES.map((s) => ` \n{"\\u0073ignature":${s}}`),
  ...SIGNATURES.map((s) => `{"\\u0073ignature":${s},"note":"\\"signature\\" in a string"}`),
  ...SIGNATURES.map((s) => `[{"signature":${s}}]`),
  ...SIGNATURES.map((s) => `\uFEFF{"signature":${s}}`),
  ...SIGNATURES.map((s) => `{"a":{"signature":${s}}}`),
  '{"signature":',
  '"signature"',
  'signature=ab&token=t&timestamp=1700000000',
  'token=t',
  '',
]
const TYPES = ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data', '']

describe('Mailgun body signature', () => {
  it('reads what the scan-and-parse reading read, for every body and content type', () => {
    let found = 0
    for (const type of TYPES)
      for (const text of BODIES) {
        const headers: HeaderPair[] = type ? [['Content-Type', type]] : []
        // A fresh buffer each time and again: the shared parse must not answer for other bytes.
        for (const body of [Buffer.from(text), Buffer.from(text)]) {
          const want = extractByScan(headers, body)
          expect(extractMailgun(headers, body), `${type} ${text}`).toEqual(want)
          if (want && typeof want === 'object' && !('problem' in want)) found++
        }
      }
    expect(found).toBeGreaterThan(4)
  })
})
