/**
 * `hooklens listen` (the real command) prints a stalled task as a line beside the events, and
 * an event's findings on its own line; the stall threshold comes from settings.json
 * (agentLens.stallAfterMs), here 1 s so the test needs no clock tricks in a child process.
 */
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { runCli, startListen, type ListenHandle } from '../../helpers/hooklens-cli'
import { tempDir } from '../../helpers/temp-dir'
import { waitUntil } from '../tunnel/wait'

let listen: ListenHandle | null = null
let cleanup: (() => Promise<void>) | null = null

afterEach(async () => {
  await listen?.stop()
  listen = null
  await cleanup?.()
})

describe('hooklens listen: Agent lens lines', () => {
  it('prints findings on the event line and "task t-1 stalled: …" when a task goes quiet', async () => {
    const tmp = await tempDir()
    cleanup = tmp.cleanup
    await writeFile(
      join(tmp.dir, 'settings.json'),
      JSON.stringify({ agentLens: { stallAfterMs: 1000 } }),
    )
    listen = await startListen(['--data-dir', tmp.dir])
    const post = (headers: Record<string, string>, body: unknown) =>
      fetch(`${listen!.url}/a2a/t-1`, { method: 'POST', headers, body: JSON.stringify(body) })
    await post(
      { 'content-type': 'application/a2a+json', 'A2A-Notification-Token': 'tok' },
      { statusUpdate: { taskId: 't-1', contextId: 'c', status: { state: 'TASK_STATE_WORKING' } } },
    )
    await waitUntil(() => /stalled/.test(listen!.stdout()), 20_000, 'the stall line')
    const lines = listen.stdout().trim().split('\n')
    expect(lines[0]).toMatch(
      /a2a statusUpdate .*⚑ a2a-token-header: token arrived in A2A-Notification-Token/,
    )
    expect(lines[1]).toMatch(/^⚑ task t-1 stalled: last update 'working' \d+ s ago$/)
    // The stall is recorded on the task's last event: `events show` (and --json) say it too.
    const id = (lines[0].split('  ').at(-1) ?? '').trim()
    const shown = await runCli(['events', 'show', id, '--data-dir', tmp.dir])
    expect(shown.stdout).toMatch(/finding: {6}warning a2a-token-header — token arrived in/)
    expect(shown.stdout).toMatch(/finding: {6}warning stalled — task t-1 stalled: last update/)
    const json = JSON.parse(
      (await runCli(['events', 'show', id, '--json', '--data-dir', tmp.dir])).stdout,
    )
    expect(json.findings.map((f: { code: string }) => f.code)).toEqual([
      'a2a-token-header',
      'stalled',
    ])
  }, 60_000)
})
