/**
 * The tunnel from the command line: `hooklens listen --tunnel-host <fixture>` prints the public
 * URL, `hooklens share a2a` registers it with a real A2A agent and saves the token, the
 * agent's notifications arrive through the tunnel, and a tunnel server restart is reported
 * loudly with the new URL.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openSettings } from '../../../electron/core/settings/settings-store'
import {
  FakeLocaltunnelServer,
  resolveLocalhostSubdomains,
} from '../../helpers/fake-localtunnel-server'
import { quietA2ASdk, startTestAgent, type TestAgent } from './a2a-agent'
import { waitUntil } from './wait'
import { runCli } from '../../helpers/hooklens-cli'
import { makeTempDir, removeTempDir } from '../../helpers/temp-dir'

const BIN = resolve('bin/hooklens.mjs')
const PRELOAD = resolve('test/integration/tunnel/localhost-dns.mjs')
const env = { ...process.env, NODE_OPTIONS: `--import ${PRELOAD}`, NO_COLOR: '1' }

let lt: FakeLocaltunnelServer
let agent: TestAgent
let dataDir: string
let undoDns: () => void
let listen: ChildProcess | null = null

let loud: () => void = () => {}

beforeEach(async () => {
  loud = quietA2ASdk()
  undoDns = resolveLocalhostSubdomains()
  dataDir = await makeTempDir('hooklens-listen-tunnel-')
  lt = await FakeLocaltunnelServer.start()
  agent = await startTestAgent('compat')
})

afterEach(async () => {
  loud()
  if (listen && listen.exitCode === null) {
    listen.kill('SIGKILL')
    await new Promise((r) => listen!.once('exit', r))
  }
  listen = null
  await agent.close()
  await lt.close()
  undoDns()
  await removeTempDir(dataDir)
})

describe('hooklens listen + share a2a over the tunnel', () => {
  it('prints the public URL, shares it with an agent, captures its notifications, shouts on a new URL', async () => {
    const child = spawn(
      process.execPath,
      [
        BIN,
        'listen',
        '--port',
        '0',
        '--data-dir',
        dataDir,
        '--tunnel-host',
        lt.url,
        '--json',
        '--no-ui',
      ],
      { env },
    )
    listen = child
    let stderr = ''
    let stdout = ''
    child.stderr.on('data', (d) => (stderr += d))
    child.stdout.on('data', (d) => (stdout += d))
    await waitUntil(
      () => /Public URL: (\S+)/.test(stderr),
      30_000,
      `public URL (stderr: ${stderr})`,
    )
    const publicUrl = /Public URL: (\S+)/.exec(stderr)![1]
    expect(publicUrl).toMatch(/^http:\/\/[a-z]{10}\.localhost:\d+$/)

    const taskId = await agent.startTask('from the cli')
    const shared = await runCli(
      ['share', 'a2a', '--agent', agent.url, '--task', taskId, '--data-dir', dataDir, '--json'],
      undefined,
      env,
    )
    expect(shared.stderr).toBe('')
    expect(shared.code).toBe(0)
    const result = JSON.parse(shared.stdout)
    expect(result).toMatchObject({ protocolVersion: '1.0', url: `${publicUrl}/a2a/${taskId}` })
    const settings = openSettings(dataDir)
    const verifier = settings.get().verifiers.find((v) => v.id === result.verifierId)
    settings.close()
    expect(verifier).toMatchObject({ scheme: 'a2a-notification-token', path: `/a2a/${taskId}` })

    const events = () =>
      stdout
        .split('\n')
        .filter(Boolean)
        .map(
          (l) =>
            JSON.parse(l) as {
              path: string
              via: string
              headers: [string, string][]
              verification: { scheme: string; status: string }
              classification: { platform: string; subject: string }
            },
        )
    // The running listen reloads settings on its own schedule (conf polls the file on Linux):
    // probe the path with the saved token until it verifies, then let the agent talk.
    const token = verifier!.secrets[0]
    const probes = () => events().filter((e) => e.headers.some(([k]) => k === 'x-probe'))
    await waitUntil(
      () => probes().some((e) => e.verification.status === 'valid'),
      20_000,
      'the running listen to load the new verifier',
      async () => {
        await fetch(`${publicUrl}/a2a/${taskId}`, {
          method: 'POST',
          headers: { 'x-probe': '1', 'X-A2A-Notification-Token': token },
          body: '{}',
        })
      },
    )
    agent.release(taskId)
    const notifications = () => events().filter((e) => !e.headers.some(([k]) => k === 'x-probe'))
    await waitUntil(() => notifications().length >= 2, 10_000, 'two events on stdout')
    for (const e of notifications()) {
      expect(e.path).toBe(`/a2a/${taskId}`)
      expect(e.via).toBe('tunnel')
      const token = e.headers.find(([k]) => k.toLowerCase() === 'x-a2a-notification-token')?.[1]
      expect(verifier!.secrets).toContain(token)
      expect(e.verification).toMatchObject({ scheme: 'a2a-notification-token', status: 'valid' })
      expect(e.classification).toMatchObject({ platform: 'a2a', subject: taskId })
    }

    await lt.restart()
    await waitUntil(
      () => /PUBLIC URL CHANGED/.test(stderr),
      10_000,
      `URL change (stderr: ${stderr})`,
    )
    expect(stderr).toMatch(/Tunnel: reconnecting — /)
    expect(stderr).toContain(`PUBLIC URL CHANGED: ${publicUrl} -> `)

    child.kill('SIGTERM')
    await new Promise((r) => child.once('exit', r))
    expect(existsSync(join(dataDir, 'runtime.json'))).toBe(false)
  }, 90_000)

  it('share a2a fails clearly when nothing listens', async () => {
    const r = await runCli(
      ['share', 'a2a', '--agent', agent.url, '--task', 't', '--data-dir', dataDir],
      undefined,
      env,
    )
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/no running "hooklens listen" found/)
  }, 60_000)
})
