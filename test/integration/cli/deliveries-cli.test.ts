/**
 * `hooklens deliveries`: --failed includes dead letters, and a forward that was waiting to
 * retry when its listen stopped does not claim it is "retrying in 8 s".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DeliveryStore, Forwarder } from '../../../electron/core/replay'
import { runCli } from '../../helpers/hooklens-cli'
import { tempDir } from '../../helpers/temp-dir'

let dir: { dir: string; cleanup: () => Promise<void> }
beforeAll(async () => (dir = await tempDir()))
afterAll(() => dir.cleanup())

const event = (id: string) => ({
  id,
  method: 'POST',
  path: '/hooks',
  query: '',
  headers: [['content-type', 'application/json']] as [string, string][],
})

async function forwardOnce(maxAttempts: number, id: string) {
  const store = await DeliveryStore.open({ dir: dir.dir })
  const f = new Forwarder({
    store,
    backoffBaseMs: 8000,
    // The retry wait ends only when the forwarder stops (as when listen is stopped).
    sleep: (_ms, signal) =>
      new Promise((_res, rej) => signal.addEventListener('abort', () => rej(new Error('stopped')))),
    rules: [{ id: 'r', targets: ['http://127.0.0.1:1/unreachable'], maxAttempts }],
  })
  const [d] = f.enqueue(event(id), Buffer.from('{}'))
  const until = Date.now() + 10_000
  while (store.get(d.id)?.status === 'pending' && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 20))
  }
  await f.stop()
  await store.close()
  return d.id
}

describe('hooklens deliveries', () => {
  it(
    '--failed lists dead letters; a stopped retry says it waits for listen',
    { timeout: 60_000 },
    async () => {
      const dead = await forwardOnce(1, '01JF0000000000000000000001')
      const waiting = await forwardOnce(5, '01JF0000000000000000000002')
      const r = await runCli(['deliveries', '--failed', '--data-dir', dir.dir])
      expect(r.code).toBe(0)
      const lines = r.stdout.trim().split('\n')
      expect(lines.find((l) => l.startsWith(dead))).toMatch(/dead/)
      const line = lines.find((l) => l.startsWith(waiting))!
      expect(line).toMatch(/failed/)
      expect(line).not.toMatch(/retrying in/)
      expect(line).toMatch(/waiting: retries resume when hooklens listen runs again/)
    },
  )
})
