/**
 * Duplicate state across a real restart: events captured through the inspect analyzers are
 * appended to the event log in a temp dir, the store is closed, reopened, the analyzers are
 * rebuilt from the stored metadata (no bodies), and the next delivery is counted correctly.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { createInspectAnalyzers } from '../../../electron/core/inspect'
import { EventStore } from '../../../electron/core/store/event-store'
import * as fx from '../../fixtures/platforms'
import { summaryOf } from './summary-helper'
import { makeTempDir, removeTempDir } from '../../helpers/temp-dir'

let dir: string | null = null

afterEach(async () => {
  if (dir) await removeTempDir(dir)
  dir = null
})

async function capture(
  store: EventStore,
  an: ReturnType<typeof createInspectAnalyzers>,
  f: fx.PlatformFixture,
  id: string,
) {
  const input = { id, ...fx.requestOf(f), query: '', sha256: fx.sha256Of(f) }
  const classification = an.classify(input)
  const idempotency = an.idempotency(input, classification)
  await store.append(summaryOf(f, id, { classification, idempotency }), input.body)
  return { classification, idempotency }
}

describe('duplicates across a restart', () => {
  it('the rebuilt index continues counts, first ids and subject states', async () => {
    dir = await makeTempDir('hooklens-inspect-')
    const conflict = {
      ...fx.agentFieldCompleted,
      body: fx.agentFieldCompleted.body.replace('14200', '1'),
    }

    let store = await EventStore.open({ dir })
    let an = createInspectAnalyzers()
    await capture(store, an, fx.agentFieldCompleted, '01KB0000000000000000000001')
    await capture(store, an, fx.agentFieldCompleted, '01KB0000000000000000000002')
    await capture(store, an, fx.a2a03[0], '01KB0000000000000000000003')
    await store.close()

    store = await EventStore.open({ dir })
    an = createInspectAnalyzers()
    for (const e of store.metas()) an.replayIdempotency(e)
    const third = await capture(store, an, fx.agentFieldCompleted, '01KB0000000000000000000004')
    const changed = await capture(store, an, conflict, '01KB0000000000000000000005')
    const done = await capture(store, an, fx.a2a03[2], '01KB0000000000000000000006')
    await store.close()

    expect(third.idempotency).toMatchObject({
      status: 'duplicate',
      firstId: '01KB0000000000000000000001',
      count: 3,
    })
    expect(changed.idempotency).toMatchObject({ status: 'conflict', count: 4 })
    expect(done.classification.details?.transition).toBe('working → completed')
  })
})
