/**
 * Auto-detection and header-platform classification look a request's header names up in
 * indexes built from the scheme list instead of asking every scheme. These tests compare them
 * with the straightforward scans (every scheme's test in catalog order, first match wins) over
 * many random requests built from every header the schemes know, in random case, with values
 * and bodies that make the finer tests (v1a entries, Intercom's User-Agent, bearer JWTs,
 * Mailgun's body signature) go both ways.
 */
import { describe, expect, it } from 'vitest'
import { buildContext } from '../../../electron/core/inspect/context'
import {
  detectByHeader,
  HEADER_PLATFORMS,
} from '../../../electron/core/inspect/platforms/by-header'
import { detectScheme } from '../../../electron/core/verify'
import type { HeaderGatedTest } from '../../../electron/core/verify/scheme-definition'
import { SCHEMES } from '../../../electron/core/verify/schemes'
import type { HeaderPair } from '../../../shared/event'

/** A small deterministic PRNG: a failure reproduces. */
function rng(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

const JWT = 'Bearer eyJhbGciOiJSUzI1NiJ9.eyJpYXQiOjF9.c2ln'
const gateNames = SCHEMES.flatMap((d) => {
  const gate = typeof d.detect === 'function' ? (d.detect as Partial<HeaderGatedTest>).gate : null
  return gate ? [...gate.names] : []
})
const platformNames = HEADER_PLATFORMS.flatMap((p) => p.headers)
const NAMES = [
  ...new Set([...gateNames, ...platformNames]),
  'user-agent',
  'content-type',
  'host',
  'webhook-id',
  'x-github-event',
]
const VALUES: Record<string, string[]> = {
  'user-agent': ['intercom-parrot-service-client/1.0', 'curl/8', 'AgentField-Observability/1'],
  authorization: [JWT, 'Bearer opaque', 'Basic dTpw', ''],
  'webhook-signature': ['v1,abc', 'v1,abc v1a,def', 'v1a,x'],
  'svix-signature': ['v1,abc', 'v1a,def'],
  'content-type': ['application/json', 'application/x-www-form-urlencoded', 'text/plain'],
}
const BODIES = [
  undefined,
  '',
  '{"type":"x"}',
  '{"signature":{"token":"t","timestamp":"1","signature":"ab"},"event-data":{"event":"opened","id":"e1"}}',
  '{"signature":{"token":"t"}}',
  'signature=ab&token=t&timestamp=1',
]

function randomCase(name: string, r: () => number): string {
  if (r() < 0.5) return name
  return [...name].map((c) => (r() < 0.5 ? c.toUpperCase() : c)).join('')
}

function randomRequest(r: () => number): { headers: HeaderPair[]; body: Buffer | undefined } {
  const headers: HeaderPair[] = []
  const n = Math.floor(r() * 6)
  for (let i = 0; i < n; i++) {
    const name = NAMES[Math.floor(r() * NAMES.length)]
    const values = VALUES[name] ?? ['v']
    headers.push([randomCase(name, r), values[Math.floor(r() * values.length)]])
  }
  const text = BODIES[Math.floor(r() * BODIES.length)]
  return { headers, body: text === undefined ? undefined : Buffer.from(text) }
}

/** Every scheme's test in catalog order, first match wins (what detection was). */
function detectByScan(headers: HeaderPair[], body?: Buffer): string | null {
  for (const d of SCHEMES)
    if (typeof d.detect === 'function' && d.detect(headers, body)) return d.id
  return null
}

describe('detection indexes', () => {
  it('detectScheme picks what asking every scheme in catalog order picks', () => {
    const r = rng(11)
    const seen = new Set<string | null>()
    for (let i = 0; i < 20_000; i++) {
      const { headers, body } = randomRequest(r)
      const expected = detectByScan(headers, body)
      seen.add(expected)
      expect(detectScheme(headers, body), JSON.stringify([headers, body?.toString()])).toBe(
        expected,
      )
    }
    // The random requests reach every detectable scheme and none.
    expect(seen.size).toBeGreaterThan(20)
  })

  it('classification by header picks what asking every platform hint in order picks', () => {
    const r = rng(7)
    const seen = new Set<string>()
    for (let i = 0; i < 20_000; i++) {
      const { headers, body } = randomRequest(r)
      const ctx = buildContext({
        method: 'POST',
        path: '/',
        headers,
        body: body ?? Buffer.alloc(0),
      })
      const hint = HEADER_PLATFORMS.find((p) =>
        p.matches ? p.matches(ctx) : p.headers.some((h) => ctx.has(h)),
      )
      const got = detectByHeader(ctx)
      expect(got?.platform ?? null, JSON.stringify(headers)).toBe(hint?.platform ?? null)
      if (hint) seen.add(hint.platform)
    }
    expect(seen.size).toBe(HEADER_PLATFORMS.length)
  })
})
