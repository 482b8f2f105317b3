/** The data dir is private (12.8): created 0700 / 0600, and an old open one tightened once. */
import { chmod, mkdir, readdir, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createHooklens } from '../../../electron/core/hooklens/hooklens'
import { openSettings } from '../../../electron/core/settings/settings-store'
import { makeTempDir, removeTempDir } from '../../helpers/temp-dir'

let root: string
beforeEach(async () => {
  root = await makeTempDir('hooklens-private-')
})
afterEach(async () => {
  await removeTempDir(root)
})

const mode = async (p: string) => (await stat(p)).mode & 0o777

describe('data dir permissions', () => {
  it('a new data dir is 0700 and settings.json 0600', async () => {
    const dir = join(root, 'fresh')
    const s = openSettings(dir)
    s.update({ verifiers: [{ id: 'v', scheme: 'github', secrets: ['shh'] }] })
    s.close()
    expect(await mode(dir)).toBe(0o700)
    expect(await mode(join(dir, 'settings.json'))).toBe(0o600)
  })

  it('a fresh data dir is private after the first start (events log included)', async () => {
    const dir = join(root, 'first')
    const h = await createHooklens({ dataDir: dir, port: 0 })
    await h.stop()
    expect(await mode(dir)).toBe(0o700)
    expect(await mode(join(dir, 'events'))).toBe(0o700)
    const segments = await readdir(join(dir, 'events'))
    expect(segments.length).toBeGreaterThan(0)
    for (const f of [...segments.map((s) => `events/${s}`), 'deliveries.jsonl'])
      expect(await mode(join(dir, f))).toBe(0o600)
  })

  it('tightens a dir an older version left open, and says so once', async () => {
    const dir = join(root, 'old')
    await mkdir(join(dir, 'segments'), { recursive: true })
    for (const f of ['settings.json', 'events.jsonl', 'deliveries.jsonl', 'segments/0001.jsonl']) {
      await writeFile(join(dir, f), f === 'settings.json' ? '{}' : '')
      await chmod(join(dir, f), 0o644)
    }
    await chmod(join(dir, 'segments'), 0o755)
    await chmod(dir, 0o755)
    const warnings: string[] = []
    const logger = { info: () => undefined, warn: (m: string) => warnings.push(m) }
    const h = await createHooklens({ dataDir: dir, port: 0, logger })
    await h.stop()
    expect(await mode(dir)).toBe(0o700)
    expect(await mode(join(dir, 'segments'))).toBe(0o700)
    for (const f of ['settings.json', 'deliveries.jsonl', 'segments/0001.jsonl'])
      expect(await mode(join(dir, f))).toBe(0o600)
    // The old single-file log is adopted as the oldest segment; empty, retention drops it.
    const legacy = await stat(join(dir, 'events.jsonl')).catch(() => null)
    if (legacy) expect(legacy.mode & 0o777).toBe(0o600)
    const said = warnings.filter((w) => w.includes('readable by other users'))
    expect(said).toHaveLength(1)
    expect(said[0]).toContain(`data dir ${dir} was readable by other users`)

    const again: string[] = []
    const h2 = await createHooklens({
      dataDir: dir,
      port: 0,
      logger: { info: () => undefined, warn: (m: string) => again.push(m) },
    })
    await h2.stop()
    expect(again.filter((w) => w.includes('readable by other users'))).toEqual([])
  })
})
