/** The delivery log on disk: survives reopening, skips a torn last line, compacts atomically. */
import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DELIVERIES_FILE, DeliveryStore, type Delivery } from '../../../electron/core/replay'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hooklens-deliv-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

function delivery(id: string, extra: Partial<Delivery> = {}): Delivery {
  const at = new Date().toISOString()
  return {
    id,
    eventId: 'ev1',
    target: 'http://127.0.0.1:1/',
    ruleId: null,
    kind: 'forward',
    status: 'pending',
    attempts: 0,
    maxAttempts: 5,
    lastError: null,
    createdAt: at,
    updatedAt: at,
    deliveredAt: null,
    nextAttemptAt: null,
    request: {
      method: 'POST',
      url: 'http://127.0.0.1:1/',
      headers: [['A', '1']],
      body: 'e30=',
      bodyEncoding: 'base64',
      size: 2,
    },
    response: null,
    latencyMs: null,
    notes: [],
    redrives: 0,
    ...extra,
  }
}

describe('DeliveryStore', () => {
  it('rebuilds puts and patches after reopening, newest first, with filters', async () => {
    const s = await DeliveryStore.open({ dir })
    await s.put(delivery('01A'))
    await s.put(delivery('01B', { eventId: 'ev2', kind: 'replay' }))
    await s.update('01A', { status: 'dead', attempts: 5, lastError: 'gave up' })
    await s.close()

    const again = await DeliveryStore.open({ dir })
    expect(again.list().map((d) => d.id)).toEqual(['01B', '01A'])
    expect(again.get('01A')).toMatchObject({ status: 'dead', attempts: 5, lastError: 'gave up' })
    expect(again.list({ status: 'dead' }).map((d) => d.id)).toEqual(['01A'])
    expect(again.list({ eventId: 'ev2' }).map((d) => d.id)).toEqual(['01B'])
    expect(again.list({ kind: 'forward', status: ['pending', 'dead'] }).map((d) => d.id)).toEqual([
      '01A',
    ])
    expect(again.list({ limit: 1 })).toHaveLength(1)
    await again.close()
  })

  it('skips a torn last line instead of failing to open', async () => {
    const s = await DeliveryStore.open({ dir })
    await s.put(delivery('01A'))
    await s.close()
    await appendFile(join(dir, DELIVERIES_FILE), '{"op":"patch","id":"01A","p":{"stat')
    const again = await DeliveryStore.open({ dir })
    expect(again.get('01A')?.status).toBe('pending')
    await again.put(delivery('01C'))
    await again.close()
    const third = await DeliveryStore.open({ dir })
    expect(third.list().map((d) => d.id)).toEqual(['01C', '01A'])
    await third.close()
  })

  it('compacts to one line per record and trims old finished records', async () => {
    const s = await DeliveryStore.open({ dir, maxRecords: 2 })
    await s.put(delivery('01A', { status: 'delivered' }))
    await s.put(delivery('01B', { status: 'dead' }))
    await s.put(delivery('01C'))
    for (let i = 0; i < 5; i++) await s.update('01C', { attempts: i })
    await s.compact()
    const lines = (await readFile(join(dir, DELIVERIES_FILE), 'utf8')).trim().split('\n')
    expect(lines).toHaveLength(2)
    expect(s.list().map((d) => d.id)).toEqual(['01C', '01B'])
    await s.put(delivery('01D'))
    await s.close()
    const again = await DeliveryStore.open({ dir, maxRecords: 10 })
    expect(again.get('01C')?.attempts).toBe(4)
    expect(again.size).toBe(3)
    await again.close()
  })

  it('tells subscribers about every change', async () => {
    const s = await DeliveryStore.open({ dir })
    const seen: string[] = []
    const off = s.subscribe((d) => seen.push(`${d.id}:${d.status}`))
    await s.put(delivery('01A'))
    await s.update('01A', { status: 'delivered' })
    off()
    await s.update('01A', { status: 'dead' })
    expect(seen).toEqual(['01A:pending', '01A:delivered'])
    await s.close()
  })
})

describe('DeliveryStore read-only', () => {
  it('reads a snapshot without creating, writing or compacting anything', async () => {
    const empty = await DeliveryStore.open({ dir: join(dir, 'missing'), readOnly: true })
    expect(empty.list()).toEqual([])
    await expect(empty.put(delivery('01X'))).rejects.toThrow('read-only')
    await empty.close()

    const s = await DeliveryStore.open({ dir })
    await s.put(delivery('01A'))
    const reader = await DeliveryStore.open({ dir, readOnly: true })
    expect(reader.get('01A')?.status).toBe('pending')
    await reader.close()
    await s.close()
  })
})

describe('DeliveryStore shared by two processes (listen + a CLI command)', () => {
  it('sees the other writer’s records on refresh, across a compaction by either side', async () => {
    const owner = await DeliveryStore.open({ dir })
    const cli = await DeliveryStore.open({ dir, compact: false })
    await cli.put(delivery('01CLI1', { kind: 'replay', status: 'delivered' }))
    expect(owner.get('01CLI1')).toBeNull()
    await owner.refresh()
    expect(owner.get('01CLI1')?.status).toBe('delivered')

    // The owner rewrites the log; the CLI's next append must land in the new file.
    await owner.put(delivery('01OWN1'))
    await owner.compact()
    await cli.put(delivery('01CLI2', { kind: 'replay' }))
    await owner.refresh()
    expect(owner.get('01CLI2')).not.toBeNull()

    // Patches pile up on the CLI side, then the owner compacts again: the CLI reloads.
    for (let i = 0; i < 5; i++) await cli.update('01CLI2', { attempts: i })
    await owner.refresh()
    await owner.compact()
    await cli.refresh()
    expect(cli.get('01OWN1')).not.toBeNull()
    expect(cli.get('01CLI2')?.attempts).toBe(4)
    await cli.close()
    await owner.close()

    const again = await DeliveryStore.open({ dir })
    expect(
      again
        .list()
        .map((d) => d.id)
        .sort(),
    ).toEqual(['01CLI1', '01CLI2', '01OWN1'])
    await again.close()
  })
})
