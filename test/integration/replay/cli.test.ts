/**
 * The CLI end of replay: a real Hooklens receiver captures an old Agent Gateway notification and
 * forwards it (`listen --forward-to`); `hooklens replay` sends it again, stale then re-signed;
 * `deliveries` lists the records; `redrive --all` recovers dead letters; `send` simulates agents.
 */
import { createHmac } from 'node:crypto'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createHooklens, type Hooklens } from '../../../electron/core/hooklens/hooklens'
import { createAnalyzers } from '../../../electron/core/hooklens/default-analyzers'
import { startForwarding } from '../../../electron/cli/listen-forward'
import { DeliveryStore, Forwarder, sendSample, type Delivery } from '../../../electron/core/replay'
import { openSettings } from '../../../electron/core/settings/settings-store'
import { startHandler, type Handler } from './handler-server'
import { makeTempDir, removeTempDir } from '../../helpers/temp-dir'

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const { main } = await import('../../../electron/cli/main')
  let stdout = ''
  let stderr = ''
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => {
    stdout += c.toString()
    return true
  })
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => {
    stderr += c.toString()
    return true
  })
  try {
    return { code: await main(args), stdout, stderr }
  } finally {
    out.mockRestore()
    err.mockRestore()
  }
}

const SECRET = 's3cret'
let dir: string
let hooklens: Hooklens
let verifying: Handler
let forwardTarget: Handler
let eventId: string
let sentBody: Buffer
const logs: string[] = []

/** An Agent Gateway receiver written from its docs: HMAC of "{ts}." + body, ts ≤ 300 s old. */
function agentGatewayCheck(r: { headers: [string, string][]; body: Buffer }): number {
  const ts = r.headers.find(([k]) => k.toLowerCase() === 'x-agentgateway-timestamp')?.[1] ?? ''
  const sig = (
    r.headers.find(([k]) => k.toLowerCase() === 'x-agentgateway-signature')?.[1] ?? ''
  ).replace(/^sha256=/, '')
  const expected = createHmac('sha256', SECRET).update(`${ts}.`).update(r.body).digest('hex')
  return sig === expected && Math.abs(Date.now() / 1000 - Number(ts)) <= 300 ? 200 : 401
}

beforeAll(async () => {
  dir = await makeTempDir('hooklens-replay-cli-')
  verifying = await startHandler((r) => ({ status: agentGatewayCheck(r) }))
  forwardTarget = await startHandler()
  hooklens = await createHooklens({ dataDir: dir, port: 0, host: '127.0.0.1' })
  await hooklens.start()
  const stopForwarding = startForwarding(
    hooklens.replay,
    { forwardTo: [`${forwardTarget.url}/local`] },
    (l) => logs.push(l),
  )
  const hourAgo = new Date(Date.now() - 3600_000)
  const { sample, attempt } = await sendSample('agent-gateway', {
    to: `${hooklens.receiverUrl}/hooks/agents`,
    secret: SECRET,
    now: hourAgo,
  })
  expect(attempt.ok).toBe(true)
  sentBody = sample.body
  eventId = hooklens.store.list().at(-1)!.id
  // Wait for the forward's outcome (logged once the handler answered), not just its arrival.
  while (!logs.some((l) => l.startsWith('→ forwarded'))) await new Promise((r) => setTimeout(r, 10))
  stopForwarding()
  await hooklens.stop()
})

afterAll(async () => {
  await verifying.close()
  await forwardTarget.close()
  await removeTempDir(dir)
})

describe('listen --forward-to', () => {
  it('forwarded the captured event byte for byte and logged it', () => {
    expect(forwardTarget.received).toHaveLength(1)
    expect(forwardTarget.received[0].url).toBe('/local')
    expect(forwardTarget.received[0].body.equals(sentBody)).toBe(true)
    expect(logs).toContain(`forwarding every event to ${forwardTarget.url}/local`)
    // One replay service per data dir (the composition root's) serves the inspector's API.
    expect(Object.keys(hooklens.replay.api()).sort()).toEqual([
      'listDeliveries',
      'redrive',
      'replayEvent',
    ])
    expect(
      logs.some((l) => l.startsWith(`→ forwarded ${eventId} to ${forwardTarget.url}/local: 200`)),
    ).toBe(true)
  })
})

describe('hooklens replay', () => {
  it('replays the hour-old capture as is: the handler rejects it, exit 1, and says why', async () => {
    const r = await cli(['replay', eventId, '--to', verifying.url, '--data-dir', dir])
    expect(r.code).toBe(1)
    expect(r.stdout).toContain(`✗ POST ${verifying.url}/ (${sentBody.length} bytes) → 401`)
    expect(r.stdout).toContain(
      'signed 60 min ago: agent-gateway handlers usually reject signatures older than 5 minutes',
    )
    expect(verifying.received.at(-1)!.body.equals(sentBody)).toBe(true)
  })

  it('re-signs with --secret: the handler accepts it, exit 0', async () => {
    const r = await cli([
      'replay',
      eventId,
      '--to',
      verifying.url,
      '--resign',
      '--secret',
      `agent-gateway=${SECRET}`,
      '--data-dir',
      dir,
      '--json',
    ])
    expect(r.code).toBe(0)
    const d = JSON.parse(r.stdout) as Delivery
    expect(d.status).toBe('delivered')
    expect(d.notes[0]).toMatch(
      /^re-signed as agent-gateway with timestamp \d+ using the secret from --secret$/,
    )
    expect(r.stdout).not.toContain(SECRET)
  })

  it('re-signs an edited body with the saved verifier, and applies header edits', async () => {
    const settings = openSettings(dir)
    settings.update({
      verifiers: [{ id: 'ag', name: 'gateway', scheme: 'agent-gateway', secrets: [SECRET] }],
    })
    settings.close()
    const file = join(dir, 'edited.json')
    await writeFile(file, '{"agent_name": "triage", "event": "on_error", "error": "edited"}')
    const r = await cli([
      'replay',
      'last',
      '--to',
      verifying.url,
      '--body-file',
      file,
      '--header',
      'X-Debug: 1',
      '--remove-header',
      'user-agent',
      '--data-dir',
      dir,
    ])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('re-signed as agent-gateway with timestamp')
    expect(r.stdout).toContain("using the secret from verifier 'gateway'")
    const got = verifying.received.at(-1)!
    expect(got.body.toString()).toBe(
      '{"agent_name": "triage", "event": "on_error", "error": "edited"}',
    )
    expect(got.headers.find(([k]) => k === 'X-Debug')?.[1]).toBe('1')
    expect(got.headers.some(([k]) => k.toLowerCase() === 'user-agent')).toBe(false)
  })

  it('fails plainly for unknown events and bad flags', async () => {
    expect(
      (await cli(['replay', 'nope', '--to', verifying.url, '--data-dir', dir])).stderr,
    ).toContain('no event nope')
    expect((await cli(['replay', eventId, '--to', 'ftp://x', '--data-dir', dir])).code).toBe(2)
    expect(
      (await cli(['replay', eventId, '--to', verifying.url, '--header', 'bad', '--data-dir', dir]))
        .code,
    ).toBe(2)
  })
})

describe('hooklens deliveries and redrive', () => {
  it('lists replays and forwards, filtered', async () => {
    const all = await cli(['deliveries', '--json', '--data-dir', dir])
    const list = all.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Delivery)
    expect(list.filter((d) => d.kind === 'replay')).toHaveLength(3)
    expect(list.filter((d) => d.kind === 'forward').map((d) => d.status)).toEqual(['delivered'])
    const failed = await cli(['deliveries', '--failed', '--data-dir', dir])
    expect(failed.stdout.trim().split('\n')).toHaveLength(1)
    expect(failed.stdout).toContain('answered 401')
  })

  it('redrives every dead letter after the handler recovers, with the original bytes', async () => {
    let healthy = false
    const flaky = await startHandler(() => ({ status: healthy ? 200 : 503 }))
    const store = await DeliveryStore.open({ dir })
    const f = new Forwarder({
      store,
      backoffBaseMs: 1,
      sleep: async () => undefined,
      rules: [{ id: 'r', targets: [flaky.url], maxAttempts: 2 }],
    })
    // The record references the captured event's bytes; redrive reads them from the event log.
    const bytes = sentBody
    const [d] = f.enqueue(
      {
        id: eventId,
        method: 'POST',
        path: '/hooks/agents',
        query: '',
        headers: [['content-type', 'application/json']],
      },
      bytes,
    )
    await f.idle()
    await f.stop()
    await store.close()
    expect((await cli(['deliveries', '--dead', '--json', '--data-dir', dir])).stdout).toContain(
      d.id,
    )

    healthy = true
    const r = await cli(['redrive', '--all', '--data-dir', dir])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain(`${d.id}  delivered`)
    expect(flaky.received.at(-1)!.body.equals(bytes)).toBe(true)
    expect((await cli(['redrive', d.id, '--data-dir', dir])).stderr).toContain(
      'is delivered: only dead or failed ones can be redriven',
    )
    expect((await cli(['redrive', '--data-dir', dir])).code).toBe(2)
    await flaky.close()
  })
})

describe('hooklens send', () => {
  it('sends a signed sample and reports the answer', async () => {
    const r = await cli([
      'send',
      'stripe',
      '--to',
      verifying.url,
      '--event',
      'checkout.session.completed',
    ])
    expect(r.stdout).toContain(`stripe checkout.session.completed → ${verifying.url}/: 401`)
    expect(r.code).toBe(1) // the Agent Gateway handler refuses a Stripe event
    const ok = await cli(['send', 'a2a', '--to', forwardTarget.url, '--secret', 'tok', '--json'])
    expect(ok.code).toBe(0)
    expect(JSON.parse(ok.stdout).eventType).toBe('status-update')
    expect(ok.stdout).not.toContain('"tok"')
    expect(JSON.parse(ok.stdout).headers).toContainEqual(['X-A2A-Notification-Token', '****'])
    expect((await cli(['send', 'nope', '--to', verifying.url])).code).toBe(2)
    const noTarget = await cli(['send', 'slack', '--data-dir', dir])
    expect(noTarget.code).toBe(2)
    expect(noTarget.stderr).toContain('no --to given and no hooklens is running on')
    expect((await cli(['send', 'slack', '--to', verifying.url, '--event', 'nope'])).code).toBe(2)
  })
})

describe('hooklens send without --to', () => {
  it('sends to the hooklens running on the data dir, under /hooks/PLATFORM', async () => {
    const own = await makeTempDir('hooklens-send-')
    const running = await createHooklens({
      dataDir: own,
      port: 0,
      host: '127.0.0.1',
      analyzers: createAnalyzers(),
    })
    await running.start()
    try {
      const r = await cli(['send', 'agentfield', '--data-dir', own])
      expect(r.code).toBe(0)
      const e = running.store.list().at(-1)!
      expect(e.path).toBe('/hooks/agentfield')
      expect(e.classification.platform).toBe('agentfield')
    } finally {
      await running.stop()
      await removeTempDir(own)
    }
  })
})
