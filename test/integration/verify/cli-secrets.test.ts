// `hooklens secrets add|list|remove` and `hooklens verify EVENT_ID` over a real data directory:
// a stored event is unverifiable until a secret is saved, valid afterwards (re-verification after
// adding a secret), and lists never show a secret.
import { createHash, createHmac } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EventStore } from '../../../electron/core/store/event-store'
import { openSettings } from '../../../electron/core/settings/settings-store'
import { emptyClassification, emptyVerification, type EventSummary } from '../../../shared/event'
import { runBinary, runInProcess } from './cli-helpers'
import { makeTempDir, removeTempDir } from '../../helpers/temp-dir'

const SECRET = 'gh-webhook-secret-4f9a2c'
const EVENT_ID = '01JF0000000000000000000001'
const body = Buffer.from('{"action":"opened","number":7}')
let dir: string

beforeAll(async () => {
  dir = await makeTempDir('hooklens-secrets-cli-')
  const store = await EventStore.open({ dir })
  const event: EventSummary = {
    id: EVENT_ID,
    receivedAt: new Date(1_700_000_000_000).toISOString(),
    method: 'POST',
    path: '/hooks/github',
    query: '',
    headers: [
      ['Host', '127.0.0.1:9000'],
      ['X-Hub-Signature-256', `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`],
      ['Content-Type', 'application/json'],
    ],
    size: body.length,
    sha256: createHash('sha256').update(body).digest('hex'),
    remoteAddress: '127.0.0.1',
    via: 'local',
    forwardedFor: null,
    verification: emptyVerification(),
    idempotency: { key: 'k', source: 'sha256', status: 'first', firstId: EVENT_ID, count: 1 },
    classification: emptyClassification(),
    response: { status: 200, latencyMs: 1 },
  }
  await store.append(event, body)
  await store.close()
})

afterAll(() => removeTempDir(dir))

const verifyEvent = async () => {
  const r = await runInProcess(['verify', EVENT_ID, '--data-dir', dir])
  return { ...r, out: JSON.parse(r.stdout) }
}

describe('secrets and stored events', { timeout: 90_000 }, () => {
  let id = ''

  it('a stored event is unverifiable before any secret is saved', async () => {
    const r = await verifyEvent()
    expect(r.code).toBe(1)
    expect(r.out).toMatchObject({ event: EVENT_ID, scheme: 'github', status: 'unverifiable' })
  })

  it('secrets add saves a verifier and the event verifies', async () => {
    const add = await runInProcess([
      'secrets',
      'add',
      'github',
      SECRET,
      '--path',
      '/hooks/*',
      '--name',
      'gh',
      '--data-dir',
      dir,
    ])
    expect(add.code).toBe(0)
    id = /added verifier (v_[0-9a-f]{8})/.exec(add.stdout)![1]
    expect(add.stdout).toContain('(github, "gh", path /hooks/*, 1 secret)')
    const r = await verifyEvent()
    expect(r.code).toBe(0)
    expect(r.out).toMatchObject({
      status: 'valid',
      reason: 'GitHub signature verified with verifier "gh"',
    })
  })

  it('secrets list masks secrets (text and JSON), through the real binary', async () => {
    const text = await runBinary(['secrets', 'list', '--data-dir', dir])
    expect(text.code).toBe(0)
    expect(text.stdout).toContain(id)
    expect(text.stdout).toContain('****')
    const json = await runBinary(['secrets', 'list', '--json', '--data-dir', dir])
    expect(JSON.parse(json.stdout)[0]).toMatchObject({
      id,
      scheme: 'github',
      path: '/hooks/*',
      secrets: ['****9a2c'],
    })
    expect(text.stdout + json.stdout).not.toContain(SECRET)
  })

  it('a wrong secret saved for another path is named by the diagnosis', async () => {
    await runInProcess([
      'secrets',
      'add',
      'github',
      'some-other-secret-value',
      '--path',
      '/other',
      '--data-dir',
      dir,
    ])
    const other = await runInProcess([
      'verify',
      EVENT_ID,
      '--data-dir',
      dir,
      '--scheme',
      'github',
      '--secret',
      'nope-nope',
    ])
    expect(other.code).toBe(1)
    expect(JSON.parse(other.stdout).status).toBe('invalid')
  })

  it('secrets remove takes it away again; unknown ids fail', async () => {
    expect((await runInProcess(['secrets', 'remove', id, '--data-dir', dir])).code).toBe(0)
    expect((await verifyEvent()).out.status).toBe('unverifiable')
    const missing = await runInProcess(['secrets', 'remove', 'v_00000000', '--data-dir', dir])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain('no verifier v_00000000')
  })

  it('rejects unusable secrets and unknown schemes with exit 2, without echoing the secret', async () => {
    const bad = await runInProcess([
      'secrets',
      'add',
      'discord',
      'not-a-hex-public-key',
      '--data-dir',
      dir,
    ])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('secret 1: the public key is not hex')
    expect(bad.stderr).not.toContain('not-a-hex-public-key')
    expect((await runInProcess(['secrets', 'add', 'nope', 'x', '--data-dir', dir])).code).toBe(2)
  })

  it('secrets sealed by the desktop app are listed as encrypted and skipped with a note', async () => {
    const store = openSettings(dir)
    store.update({ verifiers: [{ id: 'v_sealed', scheme: 'github', secrets: ['hl-enc:v1:AAAA'] }] })
    store.close()
    const list = await runInProcess(['secrets', 'list', '--data-dir', dir])
    expect(list.stdout).toContain('(encrypted by the desktop app)')
    const r = await verifyEvent()
    expect(r.out.status).toBe('unverifiable')
    expect(r.stderr).toContain(
      '1 secret(s) are encrypted by the desktop app and cannot be read here',
    )
    const store2 = openSettings(dir)
    store2.update({ verifiers: [] })
    store2.close()
  })

  it('an unknown event id fails with exit 1', async () => {
    const r = await runInProcess(['verify', '01JF0000000000000000000009', '--data-dir', dir])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('no event 01JF0000000000000000000009')
  })
})
