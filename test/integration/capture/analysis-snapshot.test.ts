/**
 * The analysis snapshot (hooklens/analysis-snapshot.ts): a clean stop writes it, the next start
 * loads it instead of replaying every stored event, and either way new requests get the same
 * verdicts — a duplicate and a conflict of a key whose first delivery retention dropped, the
 * first of a new key, a key all of whose events were dropped — with the same `firstEvicted`.
 * A stale or damaged snapshot is ignored (replay). Real HTTP, real data dirs copied on disk.
 */
import { cp, readFile, rm, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHooklens, type Hooklens } from '../../../electron/core/hooklens/hooklens'
import { createAnalyzers } from '../../../electron/core/hooklens/default-analyzers'
import { ANALYSIS_SNAPSHOT } from '../../../electron/core/hooklens/analysis-snapshot'
import { tempDir } from '../../helpers/temp-dir'

let root: { dir: string; cleanup: () => Promise<void> }
beforeAll(async () => (root = await tempDir()))
afterAll(() => root.cleanup())

async function open(dataDir: string): Promise<Hooklens> {
  const h = await createHooklens({ dataDir, port: 0, analyzers: createAnalyzers() })
  h.settings.update({ retention: { maxEvents: 4, maxBytes: 1024 ** 3 } })
  await h.start()
  return h
}

async function post(h: Hooklens, key: string, body: string): Promise<void> {
  const res = await fetch(`${h.receiverUrl}/hooks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'webhook-id': key },
    body,
  })
  expect(res.status).toBe(200)
}

/** The new requests every restart is asked about, and the verdicts they got (own id → 'self'). */
async function verdicts(dataDir: string, from: 'snapshot' | 'replay'): Promise<unknown[]> {
  const h = await open(dataDir)
  try {
    expect(h.analysisFrom).toBe(from)
    // Room for the new ones: the answers are compared, not retention.
    h.settings.update({ retention: { maxEvents: 100, maxBytes: 1024 ** 3 } })
    await post(h, 'msg_a', '{"a":1}') // duplicate of a key whose first was dropped
    await post(h, 'msg_a', '{"a":3}') // conflict with it
    await post(h, 'msg_new', '{"e":1}') // first of a new key
    await post(h, 'msg_b', '{"b":1}') // every event of this key was dropped
    await post(h, 'msg_c', '{"c":1}') // a key with one stored event: duplicate
    await post(h, 'msg_d', '{"d":2}') // and conflict
    return [...h.store.metas()].slice(-6).map((e) => ({
      ...e.idempotency,
      firstId: e.idempotency.firstId === e.id ? 'self' : e.idempotency.firstId,
    }))
  } finally {
    await h.stop()
  }
}

describe('analysis snapshot', () => {
  let base: string
  let firstA: string

  beforeAll(async () => {
    base = join(root.dir, 'base')
    const h = await open(base)
    await post(h, 'msg_a', '{"a":1}')
    firstA = h.store.ids()[0]
    await post(h, 'msg_b', '{"b":1}')
    await post(h, 'msg_a', '{"a":1}')
    await post(h, 'msg_a', '{"a":2}')
    await post(h, 'msg_c', '{"c":1}')
    await post(h, 'msg_d', '{"d":1}')
    expect(h.store.has(firstA)).toBe(false)
    await h.stop()
  })

  async function copy(name: string): Promise<string> {
    const to = join(root.dir, name)
    await cp(base, to, { recursive: true })
    return to
  }

  it('a clean stop writes it; a start takes it away before appending', async () => {
    expect(existsSync(join(base, ANALYSIS_SNAPSHOT))).toBe(true)
    const dir = await copy('taken')
    const h = await open(dir)
    expect(h.analysisFrom).toBe('snapshot')
    expect(existsSync(join(dir, ANALYSIS_SNAPSHOT))).toBe(false)
    await h.stop()
    expect(existsSync(join(dir, ANALYSIS_SNAPSHOT))).toBe(true)
  })

  it('gives the verdicts a full replay gives', async () => {
    const withSnapshot = await copy('with')
    const replayed = await copy('replayed')
    await rm(join(replayed, ANALYSIS_SNAPSHOT))
    const a = await verdicts(withSnapshot, 'snapshot')
    const b = await verdicts(replayed, 'replay')
    expect(a).toEqual(b)
    expect(a.slice(4).map((v) => (v as { status: string }).status)).toEqual([
      'duplicate',
      'conflict',
    ])
    expect(a.slice(0, 4)).toEqual([
      {
        key: 'msg_a',
        source: 'header:webhook-id',
        status: 'duplicate',
        firstId: firstA,
        count: 4,
        firstEvicted: true,
      },
      {
        key: 'msg_a',
        source: 'header:webhook-id',
        status: 'conflict',
        firstId: firstA,
        count: 5,
        firstEvicted: true,
      },
      { key: 'msg_new', source: 'header:webhook-id', status: 'first', firstId: 'self', count: 1 },
      { key: 'msg_b', source: 'header:webhook-id', status: 'first', firstId: 'self', count: 1 },
    ])
  })

  it('ignores a stale or damaged snapshot and replays', async () => {
    const replayed = await copy('replayed-2')
    await rm(join(replayed, ANALYSIS_SNAPSHOT))
    const expected = await verdicts(replayed, 'replay')

    // Stale: a snapshot of the base, put back after more events were stored.
    const stale = await copy('stale')
    const old = await readFile(join(stale, ANALYSIS_SNAPSHOT))
    const h = await open(stale)
    await post(h, 'msg_z', '{"z":1}')
    await h.stop()
    await writeFile(join(stale, ANALYSIS_SNAPSHOT), old)
    const h2 = await open(stale)
    expect(h2.analysisFrom).toBe('replay')
    // The stale snapshot named msg_z's predecessor as newest: a replay still knows msg_z.
    await post(h2, 'msg_z', '{"z":1}')
    expect([...h2.store.metas()].at(-1)!.idempotency).toMatchObject({
      status: 'duplicate',
      count: 2,
    })
    await h2.stop()

    // Damaged: cut in the middle (no end marker), a section missing, a count that is no number.
    const damages = [
      (t: string) => t.slice(0, Math.floor(t.length / 2)),
      (t: string) => t.replace('\n#verdicts\n', '\n#verdictz\n'),
      (t: string) => t.replace(/\t(\d+)\n#subjects/, '\tx\n#subjects'),
    ]
    for (const [i, damage] of damages.entries()) {
      const dir = await copy(`damaged-${i}`)
      const file = join(dir, ANALYSIS_SNAPSHOT)
      await writeFile(file, damage(await readFile(file, 'utf8')))
      expect(await verdicts(dir, 'replay')).toEqual(expected)
    }
  })
})
