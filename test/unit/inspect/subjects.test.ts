import { describe, expect, it } from 'vitest'
import {
  IdempotencyIndex,
  inspectEvent,
  previousOfSubject,
  SubjectIndex,
  withTransition,
} from '../../../electron/core/inspect'
import * as fx from '../../fixtures/platforms'
import { summaryOf } from './summary-helper'

describe('previousOfSubject', () => {
  const list = [
    summaryOf(fx.a2a03[0], '01A'),
    summaryOf(fx.agentFieldCompleted, '01B'),
    summaryOf(fx.a2a03[1], '01C'),
    summaryOf(fx.a2a03[2], '01D'),
  ]
  it('finds the latest earlier event of the same platform and subject', () => {
    expect(previousOfSubject(list, '01D')?.id).toBe('01C')
    expect(previousOfSubject(list, list[2])?.id).toBe('01A')
    expect(previousOfSubject(list, '01A')).toBeNull()
    expect(previousOfSubject(list, '01B')).toBeNull()
    expect(previousOfSubject(list, 'missing')).toBeNull()
  })
})

describe('withTransition', () => {
  it('adds previousState and the transition when the state changed', () => {
    const a = {
      platform: 'a2a',
      eventType: 'task',
      subject: 't',
      details: { stateName: 'working' },
    }
    const b = {
      platform: 'a2a',
      eventType: 'task',
      subject: 't',
      details: { stateName: 'completed' },
    }
    expect(withTransition(b, 'working').details).toMatchObject({
      previousState: 'working',
      transition: 'working → completed',
    })
    expect(withTransition(a, 'working').details).toEqual({
      stateName: 'working',
      previousState: 'working',
    })
    expect(withTransition(b, null)).toBe(b)
  })
})

describe('inspectEvent', () => {
  const run = (
    fixtures: fx.PlatformFixture[],
    indexes = { idempotency: new IdempotencyIndex(), subjects: new SubjectIndex() },
  ) =>
    fixtures.map((f, i) =>
      inspectEvent({ id: `e${i}`, ...fx.requestOf(f), sha256: fx.sha256Of(f) }, indexes),
    )

  it('A2A 1.0: working → completed across wrappers of one task', () => {
    const [task, artifact, status] = run(fx.a2a10)
    expect(task.previousOfSubject).toBeNull()
    expect(artifact.previousOfSubject).toBe('e0')
    expect(status.previousOfSubject).toBe('e1')
    // The artifact update carries no state: the task's last known state carries over it.
    expect(artifact.classification.details).toMatchObject({ previousState: 'working' })
    expect(artifact.classification.details?.transition).toBeUndefined()
    expect(status.classification.details).toMatchObject({
      previousState: 'working',
      transition: 'working → completed',
    })
  })

  it('A2A 0.3 snapshots: same status twice is not a duplicate, then working → completed', () => {
    const [w1, w2, done] = run(fx.a2a03)
    expect(w2.idempotency.status).toBe('first')
    expect(w2.classification.details).toMatchObject({ previousState: 'working' })
    expect(w2.classification.details?.transition).toBeUndefined()
    expect(done.classification.details).toMatchObject({ transition: 'working → completed' })
    expect(w1.idempotency.source).toBe('a2a:sha256')
  })

  it('A2A: a byte-identical notification is a duplicate', () => {
    const [, again] = run([fx.a2a03[0], fx.a2a03[0]])
    expect(again.idempotency).toMatchObject({
      status: 'duplicate',
      firstId: 'e0',
      count: 2,
      source: 'a2a:sha256',
    })
  })

  it('Slack retry: duplicate with retry signals', () => {
    const [, retry] = run([fx.slackAppMention, fx.slackAppMentionRetry])
    expect(retry.idempotency).toMatchObject({
      key: 'Ev123ABC456',
      status: 'duplicate',
      firstId: 'e0',
      count: 2,
      retry: [
        { header: 'X-Slack-Retry-Num', value: '1' },
        { header: 'X-Slack-Retry-Reason', value: 'http_timeout' },
      ],
    })
  })

  it('same execution + event with a different body is a conflict', () => {
    const changed = {
      ...fx.agentFieldCompleted,
      body: fx.agentFieldCompleted.body.replace('14200', '14300'),
    }
    const [first, second] = run([fx.agentFieldCompleted, changed])
    expect(first.idempotency.status).toBe('first')
    expect(second.idempotency).toMatchObject({ status: 'conflict', firstId: 'e0', count: 2 })
    expect(first.idempotency.retry).toBeUndefined()
  })

  it('after a restart, indexes rebuilt from the log continue exactly where they were', () => {
    const log = [
      fx.agentGatewayComplete,
      fx.agentGatewayError,
      fx.a2a03[0],
      fx.agentGatewayComplete,
      fx.a2a03[2],
    ]
    const uninterrupted = run(log)
    expect(uninterrupted.map((r) => r.idempotency.status)).toEqual([
      'first',
      'first',
      'first',
      'duplicate',
      'first',
    ])
    expect(uninterrupted[3].idempotency).toMatchObject({ firstId: 'e0', count: 2 })
    expect(uninterrupted[4].classification.details?.transition).toBe('working → completed')

    // First run stores e0..e2, then the app stops; the next start replays e0..e2, then e3, e4 arrive.
    const before = { idempotency: new IdempotencyIndex(), subjects: new SubjectIndex() }
    run(log.slice(0, 3), before)
    const after = { idempotency: new IdempotencyIndex(), subjects: new SubjectIndex() }
    run(log.slice(0, 3), after)
    const continued = log
      .slice(3)
      .map((f, i) =>
        inspectEvent({ id: `e${i + 3}`, ...fx.requestOf(f), sha256: fx.sha256Of(f) }, after),
      )
    expect(continued).toEqual(uninterrupted.slice(3))
  })
})
