/**
 * One meaning of a path filter (shared/path-glob.ts pathFilterMatches) for verifier paths,
 * forward rules and the event query: a segment prefix without wildcards (`/hooks` takes
 * `/hooks` and `/hooks/x`, never `/hooksx`), a whole-path glob with them.
 */
import { describe, expect, it } from 'vitest'
import { pathFilterMatches } from '../../../shared/path-glob'
import { pathMatches as verifierPath, verifyRequest } from '../../../electron/core/verify'
import { ruleMatches, type ForwardableEvent } from '../../../electron/core/replay/forward-rules'
import { matchesQuery } from '../../../electron/core/inspect/query'
import { emptyClassification, emptyVerification, type EventSummary } from '../../../shared/event'

const CASES: [string, string, boolean][] = [
  ['/hooks', '/hooks', true],
  ['/hooks', '/hooks/x', true],
  ['/hooks', '/hooks/x/y', true],
  ['/hooks', '/hooksx', false],
  ['/hooks', '/hooks/', false],
  ['/hooks', '/other/hooks', false],
  ['/hooks/', '/hooks/x', true],
  ['/', '/anything', true],
  ['/hooks/*', '/hooks/a', true],
  ['/hooks/*', '/hooks/a/b', false],
  ['/hooks/**', '/hooks', true],
  ['/hooks/**', '/hooks/a/b', true],
  ['/hooks/?', '/hooks/a', true],
  ['/hooks/?', '/hooks/ab', false],
  ['*', '/any/path', true],
  ['/a.b', '/aXb', false],
]

const forward = (pattern: string, path: string): boolean => {
  const event: ForwardableEvent = { id: 'e', method: 'POST', path, query: '', headers: [] }
  return ruleMatches({ id: 'r', targets: ['http://x'], filter: { path: pattern } }, event)
}
const query = (pattern: string, path: string): boolean => {
  const e: EventSummary = {
    id: '01JF0000000000000000000001',
    receivedAt: '2026-12-02T00:00:00.000Z',
    method: 'POST',
    path,
    query: '',
    headers: [],
    size: 0,
    sha256: '',
    remoteAddress: '127.0.0.1',
    via: 'local',
    forwardedFor: null,
    verification: emptyVerification(),
    idempotency: { key: 'k', source: 'sha256', status: 'first', firstId: 'e', count: 1 },
    classification: emptyClassification(),
    response: { status: 200, latencyMs: 1 },
  }
  return matchesQuery(e, { path: pattern })
}

describe('one path filter', () => {
  it.each(CASES)('%s vs %s → %s, everywhere', (pattern, path, expected) => {
    expect(pathFilterMatches(pattern, path), 'shared').toBe(expected)
    expect(verifierPath(pattern, path), 'verifier path').toBe(expected)
    expect(forward(pattern, path), 'forward rule').toBe(expected)
    expect(query(pattern, path), 'event query').toBe(expected)
  })

  it('a verifier for /hooks judges /hooks/x but not /hooksx', async () => {
    const v = [{ id: 'gh', scheme: 'github', secrets: ['s'], path: '/hooks' }]
    const at = (path: string) =>
      verifyRequest(
        {
          method: 'POST',
          url: `http://127.0.0.1:9000${path}`,
          headers: [],
          body: Buffer.from('{}'),
          receivedAt: new Date(),
        },
        v,
      )
    expect((await at('/hooks/x')).status).toBe('missing')
    expect((await at('/hooksx')).status).toBe('none')
  })
})
