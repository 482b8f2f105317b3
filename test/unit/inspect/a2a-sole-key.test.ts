/**
 * A2A 1.0 bodies are a StreamResponse with exactly one top-level key; the detector reads that
 * key without building Object.keys. A body with the wrapper and anything else is not 1.0.
 */
import { describe, expect, it } from 'vitest'
import { classify } from '../../../electron/core/inspect'

const task = { id: 't-1', contextId: 'c-1', status: { state: 'TASK_STATE_WORKING' } }
const of = (body: unknown) =>
  classify({
    method: 'POST',
    path: '/a2a',
    headers: [['content-type', 'application/json']],
    body: Buffer.from(JSON.stringify(body)),
  })

describe('A2A 1.0 wrapper: exactly one key', () => {
  it('recognises the lone wrapper and nothing with a second key, before or after it', () => {
    expect(of({ task })).toMatchObject({ platform: 'a2a', eventType: 'task', subject: 't-1' })
    expect(of({ task, extra: 1 }).eventType).not.toBe('task')
    expect(of({ extra: 1, task }).eventType).not.toBe('task')
    expect(of({ 0: 1, task }).eventType).not.toBe('task')
    expect(of({}).platform).toBe('unknown')
  })
})
