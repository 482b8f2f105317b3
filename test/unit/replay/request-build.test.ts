/** Header lists and target URLs for replays and forwards. */
import { describe, expect, it } from 'vitest'
import {
  backoffDelay,
  buildHeaders,
  isRetryable,
  parseRetryAfter,
  parseTarget,
  pathMatches,
  setHeader,
  targetUrl,
} from '../../../electron/core/replay'

describe('buildHeaders', () => {
  it('drops hop-by-hop headers, keeps order, case and duplicates', () => {
    const h = buildHeaders([
      ['Host', 'x'],
      ['X-A', '1'],
      ['Proxy-Authorization', 'Basic x'],
      ['x-a', '2'],
      ['TE', 'trailers'],
      ['Expect', '100-continue'],
      ['Keep-Alive', 'timeout=5'],
      ['Upgrade', 'h2c'],
      ['Trailer', 'X'],
      ['B', '3'],
    ])
    expect(h).toEqual([
      ['X-A', '1'],
      ['x-a', '2'],
      ['B', '3'],
    ])
  })

  it('sets in place (first occurrence, original name case) or appends, and removes', () => {
    expect(
      setHeader(
        [
          ['A', '1'],
          ['Sig', 'old'],
          ['sig', 'dup'],
          ['C', '3'],
        ],
        'SIG',
        'new',
      ),
    ).toEqual([
      ['A', '1'],
      ['Sig', 'new'],
      ['C', '3'],
    ])
    expect(
      buildHeaders(
        [
          ['A', '1'],
          ['B', '2'],
        ],
        { setHeaders: [['C', '3']], removeHeaders: ['a'] },
      ),
    ).toEqual([
      ['B', '2'],
      ['C', '3'],
    ])
  })
})

describe('buildHeaders and Connection (12.10)', () => {
  it('drops every header the sender named in Connection, in any case, across repeats', () => {
    expect(
      buildHeaders([
        ['Connection', 'Keep-Alive, X-Internal-Auth'],
        ['connection', 'x-trace'],
        ['X-Internal-Auth', 'hop secret'],
        ['X-Trace', '1'],
        ['X-Kept', '2'],
      ]),
    ).toEqual([['X-Kept', '2']])
  })
})

describe('targetUrl refuses dot-segments that climb out of the base path (12.7)', () => {
  const base = 'http://localhost:3000/api/hooks'
  it.each([
    '/%2e%2e/%2E%2e/admin',
    '/../../admin',
    '/a/%2e%2e/%2e%2e/x',
    '/..%2fadmin',
    '/..%5cadmin',
  ])('%s', (path) => {
    expect(() => targetUrl(base, { path, query: '' }, true)).toThrow(/climbs above/)
  })
  it('keeps dot-segments that stay inside and paths that merely contain dots', () => {
    expect(targetUrl(base, { path: '/a/../b', query: '' }, true)).toBe(`${base}/a/../b`)
    expect(targetUrl(base, { path: '/v1.2/..x', query: '' }, true)).toBe(`${base}/v1.2/..x`)
  })
})

describe('targetUrl', () => {
  it('uses the target as given, or appends the captured path and query', () => {
    const cap = { path: '/hooks/a2a', query: 'x=1' }
    expect(targetUrl('http://localhost:3000/webhook', cap)).toBe('http://localhost:3000/webhook')
    expect(targetUrl('http://localhost:3000/', cap, true)).toBe(
      'http://localhost:3000/hooks/a2a?x=1',
    )
    expect(targetUrl('http://localhost:3000/api?k=v', cap, true)).toBe(
      'http://localhost:3000/api/hooks/a2a?k=v&x=1',
    )
  })

  it('accepts shorthands and refuses other protocols', () => {
    expect(parseTarget(':3000').toString()).toBe('http://localhost:3000/')
    expect(parseTarget('localhost:8080/h').toString()).toBe('http://localhost:8080/h')
    expect(() => parseTarget('ftp://x')).toThrow(/only http and https/)
  })
})

describe('retry policy', () => {
  it('grows exponentially with bounded jitter and a cap', () => {
    const s = (r: number) => ({ baseMs: 100, maxMs: 1000, random: () => r })
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, s(0)))).toEqual([100, 200, 400, 800])
    expect(backoffDelay(1, s(1))).toBe(125)
    expect(backoffDelay(2, s(0))).toBeGreaterThan(backoffDelay(1, s(1)))
    expect(backoffDelay(10, s(1))).toBe(1000)
  })

  it('parses Retry-After seconds and HTTP dates', () => {
    const now = Date.parse('2026-11-25T16:00:00Z')
    expect(parseRetryAfter('120', now)).toBe(120_000)
    expect(parseRetryAfter('Wed, 25 Nov 2026 16:00:30 GMT', now)).toBe(30_000)
    expect(parseRetryAfter('Wed, 25 Nov 2026 15:00:00 GMT', now)).toBe(0)
    expect(parseRetryAfter('soon', now)).toBeNull()
    expect(parseRetryAfter(null, now)).toBeNull()
  })

  it('retries network errors, 5xx, 429 and 408 only', () => {
    expect(isRetryable('ECONNREFUSED', null)).toBe(true)
    expect(isRetryable('HTTP_503', 503)).toBe(true)
    expect(isRetryable('HTTP_429', 429)).toBe(true)
    expect(isRetryable('HTTP_408', 408)).toBe(true)
    expect(isRetryable('HTTP_400', 400)).toBe(false)
    expect(isRetryable('HTTP_404', 404)).toBe(false)
  })

  it('matches rule paths by prefix or glob', () => {
    expect(pathMatches('/hooks', '/hooks/a')).toBe(true)
    expect(pathMatches('/hooks', '/hooksx')).toBe(false)
    expect(pathMatches('/agents/*/webhook', '/agents/a1/webhook')).toBe(true)
    expect(pathMatches('/agents/*/webhook', '/agents/a1/b/webhook')).toBe(false)
    expect(pathMatches('/agents/**', '/agents/a1/b/webhook')).toBe(true)
  })
})
