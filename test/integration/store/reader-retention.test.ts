/**
 * CLI readers open the log with the writer's retention (settings.json), not the built-in 10,000:
 * with `retention.maxEvents: 20000` and 10,050 stored, `events list` prints all of them and the
 * oldest is still found by `events show`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { eventLine } from '../../../electron/core/store/log-format'
import { runCli } from '../../helpers/hooklens-cli'
import { testEvent } from '../../helpers/store-events'
import { tempDir } from '../../helpers/temp-dir'

let dir: { dir: string; cleanup: () => Promise<void> }
beforeAll(async () => (dir = await tempDir()))
afterAll(() => dir.cleanup())

describe('CLI readers use the settings retention', () => {
  it('events list / show see every event listen keeps beyond 10,000', async () => {
    const events = Array.from({ length: 10_050 }, () => testEvent())
    const lines = events.map((e) => eventLine(e, Buffer.from('b')))
    await writeFile(join(dir.dir, 'events.jsonl'), Buffer.concat(lines))
    await writeFile(
      join(dir.dir, 'settings.json'),
      JSON.stringify({ retention: { maxEvents: 20_000, maxBytes: 1024 ** 3 } }),
    )
    const list = await runCli(['events', 'list', '--limit', '15000', '--data-dir', dir.dir])
    expect(list.code).toBe(0)
    expect(list.stdout.trim().split('\n')).toHaveLength(10_050)
    const show = await runCli(['events', 'show', events[0].id, '--json', '--data-dir', dir.dir])
    expect(show.code).toBe(0)
    expect(JSON.parse(show.stdout)).toMatchObject({ id: events[0].id, body: 'b' })
  }, 120_000) // two CLI runs (tsx start-up) on a shared 2-core machine
})
