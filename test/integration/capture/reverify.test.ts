/**
 * Verification as the core runs it: verdicts on the capture path, and re-verification of
 * stored events (as of their receivedAt) when a secret is added or removed, with pushed updates.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHmac } from 'node:crypto'
import type { ApiPush } from '../../../shared/api'
import { createAnalyzers } from '../../../electron/core/hooklens/default-analyzers'
import { createHooklens, type Hooklens } from '../../../electron/core/hooklens/hooklens'
import { tempDir } from '../../helpers/temp-dir'

let h: Hooklens
let dir: { dir: string; cleanup: () => Promise<void> }
const pushes: ApiPush[] = []

beforeAll(async () => {
  dir = await tempDir()
  h = await createHooklens({ dataDir: dir.dir, port: 0, analyzers: createAnalyzers() })
  h.subscribe((p) => pushes.push(p))
  await h.start()
})
afterAll(async () => {
  await h.stop()
  await dir.cleanup()
})

function github(body: string, secret: string) {
  const sig = createHmac('sha256', secret).update(body).digest('hex')
  return fetch(`${h.receiverUrl}/gh`, {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/json',
      'x-github-event': 'issues',
      'x-github-delivery': `d-${Math.random()}`,
      'x-hub-signature-256': `sha256=${sig}`,
    },
  })
}

describe('re-verification', () => {
  it('a stored event becomes valid when its secret is added, and unverifiable when removed', async () => {
    await github('{"action":"opened"}', 'gh-secret-1')
    const id = h.store.list().at(-1)!.id
    expect(h.store.get(id)!.verification.status).toBe('unverifiable')

    const api = h.api
    const added = (await api.addVerifier({ scheme: 'github', secrets: ['gh-secret-1'] })) as {
      id: string
      secrets: string[]
    }
    expect(added.secrets[0]).not.toContain('gh-secret-1')
    await h.reverifier.idle()
    expect(h.store.get(id)!.verification).toMatchObject({ scheme: 'github', status: 'valid' })
    const update = pushes.find((p) => p.type === 'eventUpdated' && p.payload.id === id)
    expect(update).toBeDefined()

    // A new event with a different secret is diagnosed against the configured one.
    await github('{"action":"closed"}', 'some-other-secret')
    expect(h.store.list().at(-1)!.verification.status).toBe('invalid')

    await api.removeVerifier({ id: added.id })
    await h.reverifier.idle()
    expect(h.store.get(id)!.verification.status).toBe('unverifiable')
  })

  it('the re-verified verdict survives a restart', async () => {
    const api = h.api
    await api.addVerifier({ scheme: 'github', secrets: ['gh-secret-1'] })
    await h.reverifier.idle()
    const id = h.store.list()[0].id
    await h.stop()
    h = await createHooklens({ dataDir: dir.dir, port: 0, analyzers: createAnalyzers() })
    await h.start()
    expect(h.store.get(id)!.verification.status).toBe('valid')
  })
})
