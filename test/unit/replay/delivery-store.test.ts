/** The delivery log on disk: survives reopening, skips a torn last line, compacts atomically. */
import { appendFile, readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DELIVERIES_FILE, DeliveryStore, type Delivery } from '../../../electron/core/replay'
import { makeTempDir, removeTempDir } from '../../helpers/temp-dir'

let dir: string
beforeEach(async () => {
  dir = await makeTempDir('hooklens-deliv-')
})
afterEach(async () => {
  await removeTempDir(dir)
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
      size: 2,
      sha256: '44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a',
      bodySource: 'event',
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

describe('DeliveryStore bounds (12.1)', () => {
  it('keeps at most maxRecords, dropping the oldest first — dead letters too — and says so', async () => {
    const warned: string[] = []
    const s = await DeliveryStore.open({
      dir,
      maxRecords: 3,
      logger: { warn: (m) => warned.push(m) },
    })
    for (const id of ['01A', '01B', '01C', '01D', '01E'])
      await s.put(delivery(id, { status: 'dead' }))
    expect(s.list().map((d) => d.id)).toEqual(['01E', '01D', '01C'])
    await s.compact()
    expect(warned).toEqual([
      'delivery log: dropped the 2 oldest records (2 dead letters) to stay within 3 records and 32 MiB',
    ])
    await s.close()
    const again = await DeliveryStore.open({ dir, maxRecords: 3 })
    expect(again.list().map((d) => d.id)).toEqual(['01E', '01D', '01C'])
    await again.close()
  })

  it('keeps at most maxBytes of records, and the log file stays within about twice that', async () => {
    const s = await DeliveryStore.open({ dir, maxBytes: 64 * 1024 })
    const big = 'x'.repeat(8 * 1024)
    for (let i = 0; i < 200; i++) {
      const id = `01R${String(i).padStart(5, '0')}`
      await s.put(delivery(id, { status: 'dead', lastError: big }))
    }
    expect(s.sizeBytes).toBeLessThanOrEqual(64 * 1024)
    expect(s.size).toBeLessThan(10)
    expect(s.list()[0].id).toBe('01R00199')
    expect((await stat(join(dir, DELIVERIES_FILE))).size).toBeLessThan(3 * 64 * 1024 + 1024 * 1024)
    await s.close()
  })

  it('streams a log written by an older version with copied bodies, and drops those copies', async () => {
    // Records that copied 1 MiB bodies: 16 MiB of log, read line by line, upgraded to references.
    const body = Buffer.alloc(1024 * 1024, 7).toString('base64')
    const lines: string[] = []
    for (let i = 0; i < 12; i++) {
      const d = delivery(`01OLD${String(i).padStart(3, '0')}`, { status: 'dead' })
      const { sha256: _s, bodySource: _b, ...old } = d.request
      lines.push(
        JSON.stringify({
          op: 'put',
          d: { ...d, request: { ...old, body, bodyEncoding: 'base64' } },
        }),
      )
    }
    await writeFile(join(dir, DELIVERIES_FILE), `${lines.join('\n')}\n{"op":"put","d":{"id":"tor`)
    const s = await DeliveryStore.open({ dir, maxBytes: 1024 * 1024 })
    expect(s.size).toBe(12)
    const d = s.get('01OLD000')!
    expect(d.request.body).toBeUndefined()
    expect(d.request.bodySource).toBe('event')
    expect(d.request.sha256).toMatch(/^[0-9a-f]{64}$/)
    await s.close()
    // Rewritten without the copies on open.
    expect((await stat(join(dir, DELIVERIES_FILE))).size).toBeLessThan(64 * 1024)
  })

  it('creates the log 0600 (records hold request headers)', async () => {
    const s = await DeliveryStore.open({ dir })
    await s.put(delivery('01A'))
    await s.close()
    expect((await stat(join(dir, DELIVERIES_FILE))).mode & 0o777).toBe(0o600)
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
