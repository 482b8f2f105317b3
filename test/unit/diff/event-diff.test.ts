import { describe, expect, it } from 'vitest'
import { diffEvents, formatEventDiff } from '../../../shared/diff'
import { emptyClassification, emptyVerification, type CapturedEvent } from '../../../shared/event'

function event(id: string, body: string, over: Partial<CapturedEvent> = {}): CapturedEvent {
  return {
    id,
    receivedAt: '2026-11-25T15:27:20.534Z',
    method: 'POST',
    path: '/a2a/notify',
    query: '',
    headers: [['Content-Type', 'application/json']],
    body,
    bodyEncoding: 'utf8',
    size: body.length,
    sha256: `sha-${body}`,
    remoteAddress: '127.0.0.1',
    via: 'local',
    forwardedFor: null,
    verification: emptyVerification(),
    idempotency: { key: 'k', source: 'sha256', status: 'first', firstId: id, count: 1 },
    classification: { ...emptyClassification(), platform: 'a2a', eventType: 'task', subject: 't1' },
    response: { status: 200, latencyMs: 1 },
    ...over,
  }
}

const a = event('01A', '{"kind":"task","id":"t1","status":{"state":"working"},"artifacts":[]}')
const b = event(
  '01B',
  '{"kind":"task","id":"t1","status":{"state":"completed"},"artifacts":[{"artifactId":"r","name":"result"}]}',
  {
    path: '/a2a/notify2',
    headers: [
      ['Content-Type', 'application/json'],
      ['X-Extra', '1'],
    ],
  },
)

describe('diffEvents', () => {
  it('diffs the request line, headers and body', () => {
    const d = diffEvents(a, b)
    expect(d.a).toMatchObject({ id: '01A', platform: 'a2a', subject: 't1' })
    expect(d.sameBody).toBe(false)
    expect(d.request).toEqual([
      { field: 'path', oldValue: '/a2a/notify', newValue: '/a2a/notify2' },
    ])
    expect(d.headers.changes).toEqual([{ name: 'X-Extra', kind: 'added', newValue: '1' }])
    expect(d.body).toMatchObject({ kind: 'json', counts: { changed: 1, added: 1 } })
  })
})

describe('formatEventDiff', () => {
  it('plain text without ANSI codes when colour is off', () => {
    const out = formatEventDiff(diffEvents(a, b))
    expect(out).not.toContain('\u001b[')
    expect(out).toContain('--- a 01A')
    expect(out).toContain('+++ b 01B')
    expect(out).toContain('  ~ path: /a2a/notify → /a2a/notify2')
    expect(out).toContain('  + X-Extra: 1')
    expect(out).toContain('  ~ status.state: "working" → "completed"')
    expect(out).toContain('  + artifacts[0] (artifactId=r): {"artifactId":"r","name":"result"}')
  })

  it('ANSI colours when asked', () => {
    const out = formatEventDiff(diffEvents(a, b), { color: true })
    expect(out).toContain('\u001b[33m  ~ status.state: "working" → "completed"\u001b[0m')
    expect(out).toContain('\u001b[32m  + X-Extra: 1\u001b[0m')
  })

  it('identical bodies, text hunks and binary summaries render', () => {
    expect(formatEventDiff(diffEvents(a, a))).toContain('body: identical bytes')
    const t1 = event('01C', 'hello\nworld\n', { sha256: 'x1' })
    const t2 = event('01D', 'hello\nthere\n', { sha256: 'x2' })
    const text = formatEventDiff(diffEvents(t1, t2))
    expect(text).toContain('body (text, not JSON): +1 -1 lines')
    expect(text).toContain('  -world')
    expect(text).toContain('  +there')
    const bin1 = event('01E', btoa('\u0000\u0001\u0002'), { bodyEncoding: 'base64', sha256: 'b1' })
    const bin2 = event('01F', btoa('\u0000\u0009\u0002'), { bodyEncoding: 'base64', sha256: 'b2' })
    expect(formatEventDiff(diffEvents(bin1, bin2))).toContain(
      'body (binary): 3 → 3 bytes, first difference at byte 1, 1 byte(s) differ',
    )
    const same = formatEventDiff(
      diffEvents(
        event('01G', '{"a":1}', { sha256: 's1' }),
        event('01H', '{ "a": 1 }', { sha256: 's2' }),
      ),
    )
    expect(same).toContain('same JSON value, different bytes')
  })
})
