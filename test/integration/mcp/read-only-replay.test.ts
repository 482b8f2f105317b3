/**
 * `hooklens mcp` with no Hooklens running: a stale Standard Webhooks event already in the log
 * is explained and replayed re-signed with the secret saved by `hooklens secrets add` (the
 * official library accepts it), the secret appears in no result, and settings.json is only
 * read — not rewritten, migrated or moved aside.
 */
import { randomBytes } from 'node:crypto'
import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Webhook } from 'standardwebhooks'
import { runCli, startListen } from '../../helpers/hooklens-cli'
import { tempDir } from '../../helpers/temp-dir'
import { startHandler, type Handler } from '../replay/handler-server'
import { post, startMcp, type Mcp } from './mcp-harness'

const SECRET = `whsec_${randomBytes(24).toString('base64')}`
const wh = new Webhook(SECRET)
let dir: { dir: string; cleanup: () => Promise<void> }
let mcp: Mcp
let handler: Handler
let settingsBefore: { text: string; mtimeMs: number }

beforeAll(async () => {
  dir = await tempDir('hooklens-mcp-offline-')
  const added = await runCli(['secrets', 'add', 'standard-webhooks', SECRET, '--data-dir', dir.dir])
  expect(added.code).toBe(0)
  const listen = await startListen(['--data-dir', dir.dir])
  const at = new Date(Date.now() - 3600_000)
  const body = '{"type":"execution.completed","id":"exec-1"}'
  await post(`${listen.url}/hooks/exec`, body, {
    'content-type': 'application/json',
    'webhook-id': 'msg_offline',
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': wh.sign('msg_offline', at, body),
  })
  await listen.stop()
  const file = join(dir.dir, 'settings.json')
  settingsBefore = { text: await readFile(file, 'utf8'), mtimeMs: (await stat(file)).mtimeMs }
  handler = await startHandler((r) => {
    const headers = Object.fromEntries(r.headers.map(([k, v]) => [k.toLowerCase(), v]))
    try {
      wh.verify(r.body.toString('utf8'), headers)
      return { status: 200, body: 'verified' }
    } catch {
      return { status: 401, body: 'bad signature' }
    }
  })
  mcp = await startMcp(dir.dir)
}, 180_000)

afterAll(async () => {
  await mcp?.close()
  await handler?.close()
  await dir?.cleanup()
})

describe('read-only, nothing running', () => {
  it('explains and replays re-signed with the saved secret, which no result shows', async () => {
    const texts: string[] = []
    const list = await mcp.call('list_events', { platform: 'standard-webhooks' })
    texts.push(list.text)
    expect(list.json.mode).toBe('read-only')
    const id = list.json.events[0].id
    const explain = await mcp.call('explain_verification', { id })
    texts.push(explain.text)
    expect(explain.json.diagnosis.kind).toBe('timestamp')
    const replay = await mcp.call('replay_event', { id, to: `${handler.url}/hook`, resign: true })
    texts.push(replay.text)
    expect(replay.json.delivery.response.status).toBe(200)
    const deliveries = await mcp.call('list_deliveries', { eventId: id })
    texts.push(deliveries.text)
    expect(deliveries.json.count).toBe(1)
    for (const t of texts) expect(t).not.toContain(SECRET.slice('whsec_'.length))
  })

  it('leaves settings.json as it was', async () => {
    const file = join(dir.dir, 'settings.json')
    expect(await readFile(file, 'utf8')).toBe(settingsBefore.text)
    expect((await stat(file)).mtimeMs).toBe(settingsBefore.mtimeMs)
  })
})
