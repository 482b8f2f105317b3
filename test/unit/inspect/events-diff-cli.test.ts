import { execFile } from 'node:child_process'
import { resolve } from 'node:path'
import { promisify } from 'node:util'
import { Command } from 'commander'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import {
  registerEventsDiff,
  runEventsDiff,
  wantsColor,
  type Output,
} from '../../../electron/cli/commands/events-diff'
import { EventStore } from '../../../electron/core/store/event-store'
import * as fx from '../../fixtures/platforms'
import { summaryOf } from './summary-helper'
import { makeTempDir, removeTempDir } from '../../helpers/temp-dir'

const A = '01KAXV7Z1M0000000000000001'
const B = '01KAXV7Z1M0000000000000002'
let dir: string

class Capture implements Output {
  text = ''
  constructor(readonly isTTY: boolean) {}
  write(s: string): void {
    this.text += s
  }
}

beforeAll(async () => {
  dir = await makeTempDir('hooklens-diff-')
  const store = await EventStore.open({ dir })
  await store.append(summaryOf(fx.a2a03[0], A), fx.bodyOf(fx.a2a03[0]))
  await store.append(summaryOf(fx.a2a03[2], B), fx.bodyOf(fx.a2a03[2]))
  await store.close()
})

afterAll(async () => {
  await removeTempDir(dir)
})

describe('hooklens events diff', () => {
  it('plain text when piped', async () => {
    const out = new Capture(false)
    await runEventsDiff({ a: A, b: B, dataDir: dir }, out, {})
    expect(out.text).not.toContain('\u001b[')
    expect(out.text).toContain(`--- a ${A}`)
    expect(out.text).toContain('  ~ status.state: "working" → "completed"')
    expect(out.text).toContain('  + artifacts[0] (artifactId=')
    expect(out.text).toContain('headers: 1 difference(s)')
  })

  it('colour on a terminal, unless NO_COLOR; FORCE_COLOR forces it', async () => {
    const tty = new Capture(true)
    await runEventsDiff({ a: A, b: B, dataDir: dir }, tty, {})
    expect(tty.text).toContain('\u001b[33m  ~ status.state: "working" → "completed"\u001b[0m')
    expect(wantsColor(new Capture(true), { NO_COLOR: '1' })).toBe(false)
    expect(wantsColor(new Capture(false), { FORCE_COLOR: '1' })).toBe(true)
    expect(wantsColor(new Capture(true), { FORCE_COLOR: '0' })).toBe(false)
    expect(wantsColor(new Capture(false), { FORCE_COLOR: '' })).toBe(false)
    expect(wantsColor(new Capture(false), {})).toBe(false)
  })

  it('--json prints the EventDiff object; ids are case-insensitive', async () => {
    const out = new Capture(true)
    await runEventsDiff({ a: A.toLowerCase(), b: B, json: true, dataDir: dir }, out, {})
    const d = JSON.parse(out.text)
    expect(d.a.id).toBe(A)
    expect(d.body.kind).toBe('json')
    expect(d.body.changes).toContainEqual(
      expect.objectContaining({ path: 'status.state', oldValue: 'working', newValue: 'completed' }),
    )
    expect(out.text).not.toContain('\u001b[')
  })

  it('an unknown id is a failure naming the id', async () => {
    await expect(
      runEventsDiff({ a: A, b: '01NOPE', dataDir: dir }, new Capture(false), {}),
    ).rejects.toThrow(/no event 01NOPE/)
  })

  it('registers as `events diff` and reads --data-dir after the ids', async () => {
    const program = new Command('hooklens').exitOverride()
    registerEventsDiff(program.command('events'))
    const chunks: string[] = []
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
      chunks.push(String(s))
      return true
    })
    try {
      await program.parseAsync(['events', 'diff', A, B, '--json', '--data-dir', dir], {
        from: 'user',
      })
    } finally {
      spy.mockRestore()
    }
    expect(JSON.parse(chunks.join('')).b.id).toBe(B)
  })
})

describe('hooklens events diff (the real command, piped)', () => {
  const bin = resolve(__dirname, '../../../bin/hooklens.mjs')
  const run = (args: string[], env: Record<string, string> = {}) =>
    promisify(execFile)(process.execPath, [bin, ...args], {
      env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', ...env },
    })

  it('prints plain text when piped and exits 0; FORCE_COLOR gives colour', async () => {
    const plain = await run(['events', 'diff', A, B, '--data-dir', dir])
    expect(plain.stdout).toContain('  ~ status.state: "working" → "completed"')
    expect(plain.stdout).not.toContain('\u001b[')
    const colour = await run(['events', 'diff', A, B, '--data-dir', dir], { FORCE_COLOR: '1' })
    expect(colour.stdout).toContain('\u001b[33m  ~ status.state')
  })

  it('--json output parses; an unknown id exits 1 with a message', async () => {
    const json = await run(['events', 'diff', A, B, '--json', '--data-dir', dir])
    expect(JSON.parse(json.stdout).body.kind).toBe('json')
    const failed = await run(['events', 'diff', A, '01NOPE', '--data-dir', dir]).catch((e) => e)
    expect(failed.code).toBe(1)
    expect(failed.stderr).toContain('no event 01NOPE')
  })
})
