/** JSON nested far deeper than any real payload is diffed as text with a clear note (12.11). */
import { describe, expect, it } from 'vitest'
import { diffBodies, diffEvents, formatEventDiff } from '../../../shared/diff'
import { jsonDepth } from '../../../shared/diff/body-input'
import { emptyClassification, emptyVerification, type CapturedEvent } from '../../../shared/event'

const nested = (levels: number, leaf: string) => `${'['.repeat(levels)}${leaf}${']'.repeat(levels)}`

function event(id: string, body: string): CapturedEvent {
  return {
    id,
    receivedAt: '2026-11-25T15:27:20.534Z',
    method: 'POST',
    path: '/deep',
    query: '',
    headers: [['Content-Type', 'application/json']],
    body,
    bodyEncoding: 'utf8',
    size: body.length,
    sha256: `sha-${id}`,
    remoteAddress: '127.0.0.1',
    via: 'local',
    forwardedFor: null,
    verification: emptyVerification(),
    idempotency: { key: 'k', source: 'sha256', status: 'first', firstId: id, count: 1 },
    classification: emptyClassification(),
    response: { status: 200, latencyMs: 1 },
  }
}

describe('deeply nested JSON', () => {
  it('300,000 levels: diffEvents answers (text diff, with the reason) instead of overflowing', () => {
    const d = diffEvents(event('01A', nested(300_000, '1')), event('01B', nested(300_000, '2')))
    expect(d.body.kind).toBe('text')
    if (d.body.kind !== 'text') return
    expect(d.body.reason).toBe('too-deep')
    expect(d.body.invalid).toEqual(['a', 'b'])
    expect(d.body.note).toBe(
      'JSON in a and b is nested more than 500 levels deep: compared as text',
    )
    expect(formatEventDiff(d)).toContain('nested more than 500 levels deep')
  })

  it('500 levels still get the structural diff', () => {
    const d = diffBodies(nested(500, '1'), nested(500, '2'))
    expect(d.kind).toBe('json')
  })

  it('counts depth without being fooled by brackets in strings', () => {
    expect(jsonDepth('{"a":"[[[[{{{{","b":[{"c":"\\"]"}]}')).toBe(3)
  })
})
