/**
 * Idempotency across retention: once the first delivery of a key is dropped, later duplicates
 * still say `duplicate` of that first id and carry `firstEvicted: true` (the inspector shows
 * "first delivery no longer stored") — over real HTTP, and again after a restart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHooklens, type Hooklens } from '../../../electron/core/hooklens/hooklens'
import { createAnalyzers } from '../../../electron/core/hooklens/default-analyzers'
import type { CapturedEvent } from '../../../shared/event'
import { tempDir } from '../../helpers/temp-dir'

let dir: { dir: string; cleanup: () => Promise<void> }
beforeAll(async () => (dir = await tempDir()))
afterAll(() => dir.cleanup())

async function open(): Promise<Hooklens> {
  const h = await createHooklens({ dataDir: dir.dir, port: 0, analyzers: createAnalyzers() })
  h.settings.update({ retention: { maxEvents: 3, maxBytes: 1024 ** 3 } })
  await h.start()
  return h
}

const post = (h: Hooklens, body: string) =>
  fetch(`${h.receiverUrl}/hooks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'webhook-id': 'msg_same' },
    body,
  })

describe('firstId of an evicted event', () => {
  it('is reported as no longer stored, never as a broken link', async () => {
    let h = await open()
    const pushed: unknown[] = []
    h.subscribe((p) => p.type === 'eventCaptured' && pushed.push(p.payload))
    await post(h, '{"n":1}')
    const first = h.store.list().at(-1)!
    expect(first.idempotency).toMatchObject({ status: 'first', firstId: first.id })
    for (let i = 0; i < 3; i++) await post(h, '{"n":1}')
    expect(h.store.has(first.id)).toBe(false)
    const last = h.store.list().at(-1)!
    expect(last.idempotency).toMatchObject({
      status: 'duplicate',
      firstId: first.id,
      count: 4,
      firstEvicted: true,
    })
    expect(pushed.at(-1)).toMatchObject({ idempotency: { firstEvicted: true } })
    expect(
      ((await h.api.getEvent({ id: last.id })) as CapturedEvent).idempotency.firstEvicted,
    ).toBe(true)
    await h.stop()

    h = await open()
    await post(h, '{"n":2}')
    await post(h, '{"n":1}')
    const after = h.store.list().at(-1)!
    expect(after.idempotency).toMatchObject({
      status: 'duplicate',
      firstId: first.id,
      count: 6,
      firstEvicted: true,
    })
    const conflict = h.store.list().at(-2)!
    expect(conflict.idempotency).toMatchObject({ status: 'conflict', firstId: first.id })
    await h.stop()
  })
})
