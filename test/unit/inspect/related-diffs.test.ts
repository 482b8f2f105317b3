import { describe, expect, it } from 'vitest'
import {
  IdempotencyIndex,
  inspectEvent,
  relatedDiffs,
  SubjectIndex,
} from '../../../electron/core/inspect'
import type { CapturedEvent, EventSummary } from '../../../shared/event'
import * as fx from '../../fixtures/platforms'
import { summaryOf } from './summary-helper'

/** An in-memory event source built the way the composition root builds events. */
function sourceOf(fixtures: fx.PlatformFixture[]) {
  const indexes = { idempotency: new IdempotencyIndex(), subjects: new SubjectIndex() }
  const events: CapturedEvent[] = fixtures.map((f, i) => {
    const id = `01E${i}`
    const r = inspectEvent({ id, ...fx.requestOf(f), sha256: fx.sha256Of(f) }, indexes)
    const s: EventSummary = summaryOf(f, id, {
      classification: r.classification,
      idempotency: r.idempotency,
    })
    return { ...s, body: f.body, bodyEncoding: 'utf8' }
  })
  return {
    list: () => events.map(({ body: _b, bodyEncoding: _e, ...s }) => s),
    getFull: async (id: string) => events.find((e) => e.id === id) ?? null,
  }
}

describe('relatedDiffs', () => {
  it('A2A task: changes since the previous notification of the same task', async () => {
    const src = sourceOf([fx.a2a03[0], fx.agentFieldCompleted, fx.a2a03[2]])
    const r = await relatedDiffs(src, '01E2')
    expect(r?.previous?.id).toBe('01E0')
    expect(r?.first).toBeNull()
    const body = r?.previous?.diff.body
    expect(body?.kind).toBe('json')
    if (body?.kind !== 'json') return
    expect(body.changes).toContainEqual(
      expect.objectContaining({ path: 'status.state', oldValue: 'working', newValue: 'completed' }),
    )
  })

  it('conflict: how it differs from the first delivery with its key', async () => {
    const changed = {
      ...fx.agentFieldCompleted,
      body: fx.agentFieldCompleted.body.replace('14200', '14300'),
    }
    const src = sourceOf([fx.agentFieldCompleted, changed])
    const r = await relatedDiffs(src, '01E1')
    expect(r?.first?.id).toBe('01E0')
    expect(r?.first?.status).toBe('conflict')
    const body = r?.first?.diff.body
    if (body?.kind !== 'json') throw new Error('expected a JSON diff')
    expect(body.changes).toEqual([
      expect.objectContaining({ path: 'duration_ms', oldValue: 14200, newValue: 14300 }),
    ])
    // Same execution: also the previous event of its subject.
    expect(r?.previous?.id).toBe('01E0')
  })

  it('a first event has neither; an unknown id gives null', async () => {
    const src = sourceOf([fx.githubIssueOpened])
    expect(await relatedDiffs(src, '01E0')).toEqual({ id: '01E0', previous: null, first: null })
    expect(await relatedDiffs(src, 'nope')).toBeNull()
  })
})
