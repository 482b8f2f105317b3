import { describe, expect, it } from 'vitest'
import { createInspectAnalyzers } from '../../../electron/core/inspect'
import type { Classification, Idempotency } from '../../../shared/event'
import * as fx from '../../fixtures/platforms'

function capture(an: ReturnType<typeof createInspectAnalyzers>, f: fx.PlatformFixture, id: string) {
  const input = { id, ...fx.requestOf(f), sha256: fx.sha256Of(f) }
  const classification = an.classify(input)
  return {
    id,
    sha256: input.sha256,
    classification,
    idempotency: an.idempotency(input, classification),
  }
}

describe('createInspectAnalyzers', () => {
  it('classifies with transitions and flags duplicates, with retry signals', () => {
    const an = createInspectAnalyzers()
    const first = capture(an, fx.slackAppMention, 'e1')
    const retry = capture(an, fx.slackAppMentionRetry, 'e2')
    expect(first.idempotency).toEqual({
      key: 'Ev123ABC456',
      source: 'body:event_id',
      status: 'first',
      firstId: 'e1',
      count: 1,
    })
    expect(retry.idempotency).toMatchObject({ status: 'duplicate', firstId: 'e1', count: 2 })
    expect(retry.idempotency.retry).toHaveLength(2)
    const w = capture(an, fx.a2a03[0], 'e3')
    const done = capture(an, fx.a2a03[2], 'e4')
    expect(w.classification.details?.previousState).toBeUndefined()
    expect(done.classification.details?.transition).toBe('working → completed')
  })

  it('empty-body requests are keyed on their request line, not all on one sha256', () => {
    const an = createInspectAnalyzers()
    const ping = (id: string, path: string) => {
      const input = {
        id,
        method: 'GET',
        path,
        query: '',
        headers: [],
        body: Buffer.alloc(0),
        sha256: 'e3b0',
      }
      return an.idempotency(input, an.classify(input))
    }
    expect(ping('p1', '/health').status).toBe('first')
    expect(ping('p2', '/a2a/t1').status).toBe('first')
    expect(ping('p3', '/health')).toMatchObject({
      status: 'duplicate',
      firstId: 'p1',
      source: 'request-line',
    })
  })

  it('re-classifying the latest event of a subject gives the same transition', () => {
    const an = createInspectAnalyzers()
    capture(an, fx.a2a03[0], 'e1')
    const input = { id: 'e2', ...fx.requestOf(fx.a2a03[2]) }
    expect(an.classify(input).details?.transition).toBe('working → completed')
    expect(an.classify(input).details?.transition).toBe('working → completed')
  })

  it('start-up replay from stored summaries restores duplicate counts and subject states', () => {
    const before = createInspectAnalyzers()
    const stored: {
      id: string
      sha256: string
      classification: Classification
      idempotency: Idempotency
    }[] = [capture(before, fx.agentFieldCompleted, 'e1'), capture(before, fx.a2a03[0], 'e2')]
    // Restart: a new process replays the log (no bodies), then new events arrive.
    const after = createInspectAnalyzers()
    for (const e of stored) after.replayIdempotency(e)
    const again = capture(after, fx.agentFieldCompleted, 'e3')
    expect(again.idempotency).toMatchObject({ status: 'duplicate', firstId: 'e1', count: 2 })
    expect(capture(after, fx.a2a03[2], 'e4').classification.details?.transition).toBe(
      'working → completed',
    )
    after.clearIdempotency()
    expect(capture(after, fx.agentFieldCompleted, 'e5').idempotency.status).toBe('first')
  })
})
