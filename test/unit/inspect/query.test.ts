import { describe, expect, it } from 'vitest'
import { globToRegExp, matchesQuery } from '../../../electron/core/inspect'
import * as fx from '../../fixtures/platforms'
import { summaryOf } from './summary-helper'

const task = summaryOf(fx.a2a10[2], '01A')
const exec = summaryOf(fx.agentFieldCompleted, '01B', {
  idempotency: {
    key: 'k',
    source: 'body:execution_id+event',
    status: 'duplicate',
    firstId: '01X',
    count: 2,
  },
  verification: { scheme: 'agentfield-execution', status: 'invalid', reason: 'wrong secret' },
})
const gh = summaryOf(fx.githubIssueOpened, '01C', {
  idempotency: {
    key: 'g',
    source: 'header:x-github-delivery',
    status: 'conflict',
    firstId: '01Y',
    count: 2,
  },
})

describe('matchesQuery', () => {
  it('an empty query matches everything', () => {
    expect([task, exec, gh].every((e) => matchesQuery(e, {}))).toBe(true)
  })

  it('subject (exact) and platform (case-insensitive)', () => {
    expect(matchesQuery(task, { subject: fx.A2A_TASK_ID })).toBe(true)
    expect(matchesQuery(task, { subject: fx.A2A_TASK_ID.slice(0, 8) })).toBe(false)
    expect(matchesQuery(exec, { platform: 'AgentField' })).toBe(true)
    expect(matchesQuery(exec, { platform: 'a2a' })).toBe(false)
    expect(matchesQuery(exec, { platform: 'a2a,AgentField' })).toBe(true)
  })

  it('eventType exact or glob', () => {
    expect(matchesQuery(exec, { eventType: 'execution.completed' })).toBe(true)
    expect(matchesQuery(exec, { eventType: 'execution.*' })).toBe(true)
    expect(matchesQuery(exec, { eventType: 'execution' })).toBe(false)
    expect(matchesQuery(gh, { eventType: 'issues.*' })).toBe(true)
  })

  it('idempotency and verification statuses, comma lists for --duplicates --conflicts', () => {
    expect(matchesQuery(exec, { idempotency: 'duplicate' })).toBe(true)
    expect(matchesQuery(task, { idempotency: 'duplicate' })).toBe(false)
    const both = { idempotency: 'duplicate,conflict' }
    expect([task, exec, gh].filter((e) => matchesQuery(e, both)).map((e) => e.id)).toEqual([
      '01B',
      '01C',
    ])
    expect(matchesQuery(exec, { verification: 'invalid' })).toBe(true)
    expect(matchesQuery(task, { verification: 'invalid,missing' })).toBe(false)
    expect(matchesQuery(task, { verification: 'none' })).toBe(true)
  })

  it('path prefix or glob', () => {
    expect(matchesQuery(gh, { path: '/webhooks' })).toBe(true)
    expect(matchesQuery(gh, { path: '/webhooks/*' })).toBe(true)
    expect(matchesQuery(gh, { path: '/hooks/*' })).toBe(false)
    expect(matchesQuery(exec, { path: '/**/done' })).toBe(true)
    expect(globToRegExp('/a/*/c').test('/a/b/x/c')).toBe(false)
    expect(globToRegExp('/a/**/c').test('/a/b/x/c')).toBe(true)
  })

  it('text search over the summary, then lazily over the body', () => {
    let reads = 0
    const body = () => {
      reads++
      return fx.a2a10[2].body
    }
    expect(matchesQuery(gh, { text: 'OCTOCAT' })).toBe(true)
    expect(matchesQuery(task, { text: 'statusupdate' }, body)).toBe(true)
    expect(reads).toBe(0)
    expect(matchesQuery(task, { text: '15:27:21.536' }, body)).toBe(true)
    expect(reads).toBe(1)
    expect(matchesQuery(task, { text: 'nowhere-to-be-found' }, body)).toBe(false)
    expect(matchesQuery(task, { text: '15:27:21.536' })).toBe(false)
    expect(matchesQuery(task, { text: '15:27:21.536' }, () => null)).toBe(false)
  })

  it('afterId keeps only later ids; all filters combine with AND', () => {
    expect(matchesQuery(exec, { afterId: '01A' })).toBe(true)
    expect(matchesQuery(task, { afterId: '01A' })).toBe(false)
    expect(matchesQuery(exec, { platform: 'agentfield', idempotency: 'conflict' })).toBe(false)
  })
})
