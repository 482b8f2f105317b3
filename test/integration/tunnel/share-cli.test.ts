import { Command } from 'commander'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { registerShare } from '../../../electron/cli/commands/share'
import { CliFailure } from '../../../electron/cli/errors'
import { TunnelManager } from '../../../electron/core/tunnel/tunnel-manager'
import { writeRuntimeInfo } from '../../../electron/core/share/runtime-info'
import { openSettings } from '../../../electron/core/settings/settings-store'
import { A2ARegistrations } from '../../../electron/core/share/a2a-registrations'
import { verifyRequest } from '../../../electron/core/verify'
import {
  FakeLocaltunnelServer,
  resolveLocalhostSubdomains,
} from '../../helpers/fake-localtunnel-server'
import { startRecorder, type LocalRecorder } from './local-recorder'
import { quietA2ASdk, startTestAgent, type TestAgent } from './a2a-agent'
import { waitUntil } from './wait'
import { makeTempDir, removeTempDir } from '../../helpers/temp-dir'

let lt: FakeLocaltunnelServer
let rec: LocalRecorder
let manager: TunnelManager | null = null
let agent: TestAgent
let undoDns: () => void
let dataDir: string

let loud: () => void = () => {}

beforeEach(async () => {
  loud = quietA2ASdk()
  dataDir = await makeTempDir('hooklens-share-cli-')
  undoDns = resolveLocalhostSubdomains()
  lt = await FakeLocaltunnelServer.start()
  rec = await startRecorder(() => manager)
  agent = await startTestAgent('compat')
})

afterEach(async () => {
  loud()
  vi.restoreAllMocks()
  await agent.close()
  manager?.stop()
  manager = null
  await rec.close()
  await lt.close()
  undoDns()
  await removeTempDir(dataDir)
})

async function run(args: string[]): Promise<{ code: number; out: string }> {
  let code = -1
  let out = ''
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk)
    return true
  })
  const program = new Command('hooklens').exitOverride()
  registerShare(program, (c) => (code = c))
  try {
    await program.parseAsync(args, { from: 'user' })
  } finally {
    vi.mocked(process.stdout.write).mockRestore()
  }
  return { code, out }
}

describe('hooklens share a2a', () => {
  it('registers the running instance public URL and saves the token as a verifier', async () => {
    manager = new TunnelManager({ localPort: rec.port, host: lt.url, selfCheckIntervalMs: 0 })
    const status = await manager.start()
    writeRuntimeInfo(dataDir, {
      pid: process.pid,
      startedAt: new Date().toISOString(),
      receiverUrl: `http://127.0.0.1:${rec.port}`,
      receiverPort: rec.port,
      publicUrl: status.url,
      tunnel: status,
    })
    const taskId = await agent.startTask('cli')
    const { code, out } = await run([
      'share',
      'a2a',
      '--agent',
      agent.url,
      '--task',
      taskId,
      '--data-dir',
      dataDir,
      '--json',
    ])
    expect(code).toBe(0)
    const printed = JSON.parse(out)
    expect(printed).toMatchObject({ protocolVersion: '1.0', url: `${status.url}/a2a/${taskId}` })
    expect(out).not.toContain('token"')

    const settings = openSettings(dataDir)
    const verifiers = settings.get().verifiers
    settings.close()
    expect(verifiers).toHaveLength(1)
    expect(verifiers[0]).toMatchObject({
      id: printed.verifierId,
      scheme: 'a2a-notification-token',
      path: `/a2a/${taskId}`,
    })
    // Remembered for the Agent lens and re-registration (never the token).
    const [remembered] = new A2ARegistrations(dataDir).list()
    expect(remembered).toMatchObject({
      taskId,
      protocol: '1.0',
      path: `/a2a/${taskId}`,
      verifierId: printed.verifierId,
      followTunnel: true,
    })
    expect(JSON.stringify(remembered)).not.toContain('token"')

    agent.release(taskId)
    await waitUntil(() => rec.requests.length >= 2, 5000, 'notifications')
    for (const r of rec.requests) {
      const v = await verifyRequest(
        {
          method: r.method,
          url: `http://127.0.0.1:${rec.port}${r.path}`,
          headers: r.headers,
          body: r.body,
          receivedAt: new Date(),
        },
        verifiers,
      )
      expect(v.status).toBe('valid')
      expect(v.verifierId).toBe(printed.verifierId)
    }
  })

  it('fails clearly when no hooklens listen is running', async () => {
    const err = await run([
      'share',
      'a2a',
      '--agent',
      agent.url,
      '--task',
      't',
      '--data-dir',
      dataDir,
    ]).catch((e) => e)
    expect(err).toBeInstanceOf(CliFailure)
    expect(err.message).toMatch(/no running "hooklens listen" found/)
  })

  it('share snippets prints copy-ready configs for the public URL', async () => {
    const { code, out } = await run([
      'share',
      'snippets',
      '--public-url',
      'https://abcd.loca.lt',
      '--path',
      '/gw',
      '--secret',
      'whsec_x',
      '--data-dir',
      dataDir,
    ])
    expect(code).toBe(0)
    expect(out).toContain('# Agent Gateway — gateway.yaml')
    expect(out).toContain('url: "https://abcd.loca.lt/gw"')
    expect(out).toContain('secret="whsec_x"')
    expect(out).toContain("curl -sS -X POST 'https://abcd.loca.lt/gw'")
  })
})
