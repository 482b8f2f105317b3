/**
 * Delivery records on disk: an append-only JSONL log in the data directory (one `put` per new
 * delivery, one `patch` per change), rebuilt into memory on open by streaming it and compacted
 * by rewrite and atomic rename. A torn last line (crash mid-write) is skipped, not fatal.
 * Bounded by count and bytes, dead letters included: the oldest records go first, and each
 * trim is reported (records never copy event bodies, see DeliveryRequest).
 */
import { mkdir, open, rename, stat, type FileHandle } from 'node:fs/promises'
import { join } from 'node:path'
import { readLogLines, type LogLine } from './delivery-log-read'
import type { Delivery, DeliveryKind, DeliveryStatus } from './types'

export const DELIVERIES_FILE = 'deliveries.jsonl'
export const DEFAULT_MAX_DELIVERY_RECORDS = 10_000
export const DEFAULT_MAX_DELIVERY_BYTES = 32 * 1024 * 1024

export interface DeliveryQuery {
  eventId?: string
  status?: DeliveryStatus | DeliveryStatus[]
  kind?: DeliveryKind
  ruleId?: string
  /** Newest first; default all. */
  limit?: number
}

export interface DeliveryStoreOptions {
  dir: string
  /** Records kept (default 10,000): the oldest beyond it are dropped, whatever their status. */
  maxRecords?: number
  /** Bytes of records kept (default 32 MiB), measured as their log lines. */
  maxBytes?: number
  /** Where trims are reported ("dropped 12 oldest delivery records (3 dead letters) ..."). */
  logger?: { warn(message: string): void }
  /** Read a snapshot only (another process may be writing): no writes, no compaction. */
  readOnly?: boolean
  /**
   * Whether this store may rewrite the log (default true). Short-lived CLI commands pass false
   * so only the long-running owner (listen, the app) ever compacts.
   */
  compact?: boolean
}

export class DeliveryStore {
  private readonly records = new Map<string, Delivery>()
  /** Each record's size as a log line, for the byte bound. */
  private readonly sizes = new Map<string, number>()
  private totalBytes = 0
  private readonly listeners = new Set<(d: Delivery) => void>()
  private lines = 0
  /** Bytes of the log already folded into memory (see refresh()). */
  private offset = 0
  /** Bytes this store appended since the log was last read from the start (compaction trigger). */
  private appended = 0
  /** The newest id trimmed: its put line, read again by refresh(), must not bring it back. */
  private floorId = ''
  /** Trimmed since the last report: records, of which dead letters. */
  private dropped = { records: 0, dead: 0 }
  private writing: Promise<void> = Promise.resolve()

  private constructor(
    private readonly file: string,
    private handle: FileHandle | null,
    private readonly limits: { maxRecords: number; maxBytes: number },
    private readonly mayCompact = true,
    private readonly logger?: { warn(message: string): void },
  ) {}

  static async open(opts: DeliveryStoreOptions): Promise<DeliveryStore> {
    const file = join(opts.dir, DELIVERIES_FILE)
    const limits = {
      maxRecords: opts.maxRecords ?? DEFAULT_MAX_DELIVERY_RECORDS,
      maxBytes: opts.maxBytes ?? DEFAULT_MAX_DELIVERY_BYTES,
    }
    if (opts.readOnly) {
      const store = new DeliveryStore(file, null, limits)
      const read = await readLogLines(file, 0, (line) => store.apply(line))
      store.offset = read.complete
      return store
    }
    await mkdir(opts.dir, { recursive: true, mode: 0o700 })
    // 0600: records hold request headers (and a token scheme's masked secret).
    const handle = await open(file, 'a', 0o600)
    const store = new DeliveryStore(file, handle, limits, opts.compact !== false, opts.logger)
    await store.rebuild()
    return store
  }

  get(id: string): Delivery | null {
    const d = this.records.get(id)
    return d ? structuredClone(d) : null
  }

  list(query: DeliveryQuery = {}): Delivery[] {
    const statuses = query.status ? [query.status].flat() : null
    const out: Delivery[] = []
    // Ids are ULIDs: reverse insertion order is newest first.
    for (const d of [...this.records.values()].reverse()) {
      if (query.eventId && d.eventId !== query.eventId) continue
      if (statuses && !statuses.includes(d.status)) continue
      if (query.kind && d.kind !== query.kind) continue
      if (query.ruleId && d.ruleId !== query.ruleId) continue
      out.push(structuredClone(d))
      if (query.limit && out.length >= query.limit) break
    }
    return out
  }

  async put(delivery: Delivery): Promise<void> {
    const line: LogLine = { op: 'put', d: delivery }
    const text = `${JSON.stringify(line)}\n`
    this.apply(structuredClone(line), Buffer.byteLength(text))
    await this.append(text)
    this.emit(delivery.id)
  }

  async update(id: string, patch: Partial<Delivery>): Promise<Delivery> {
    const current = this.records.get(id)
    if (!current) throw new Error(`no delivery ${id}`)
    const line: LogLine = { op: 'patch', id, p: patch }
    const text = `${JSON.stringify(line)}\n`
    this.apply(structuredClone(line), Buffer.byteLength(text))
    await this.append(text)
    this.emit(id)
    return structuredClone(this.records.get(id) ?? { ...current, ...patch, id })
  }

  /** Called after every put/update with the record as it now is. */
  subscribe(listener: (d: Delivery) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  get size(): number {
    return this.records.size
  }

  /** Bytes the kept records take as log lines (bounded by maxBytes). */
  get sizeBytes(): number {
    return this.totalBytes
  }

  /**
   * Folds in what other processes (`hooklens replay`, `redrive`) appended since the last read.
   * Re-reading our own lines is harmless: puts and patches are idempotent.
   */
  async refresh(): Promise<void> {
    let size: number
    try {
      size = (await stat(this.file)).size
    } catch {
      return
    }
    if (size === this.offset) return
    if (size < this.offset) {
      // Another process compacted the log: start over from the new file.
      this.records.clear()
      this.sizes.clear()
      this.totalBytes = 0
      this.lines = 0
      this.offset = 0
      this.appended = 0
    }
    const read = await readLogLines(this.file, this.offset, (line, bytes) =>
      this.apply(line, bytes),
    )
    this.offset += read.complete
  }

  async close(): Promise<void> {
    await this.writing
    await this.handle?.close()
  }

  /** Rewrites the log with one `put` per kept record (atomic rename), reporting what was trimmed. */
  async compact(): Promise<void> {
    const run = async () => {
      this.trim()
      this.report()
      const tmp = `${this.file}.tmp`
      const out = await open(tmp, 'w', 0o600)
      let bytes = 0
      try {
        // Written record by record: the log is never one string in memory.
        const batch: string[] = []
        for (const d of this.records.values()) {
          batch.push(`${JSON.stringify({ op: 'put', d })}\n`)
          if (batch.length >= 256) bytes += await writeBatch(out, batch.splice(0))
        }
        bytes += await writeBatch(out, batch)
        await out.sync()
      } finally {
        await out.close()
      }
      await this.requireHandle().close()
      await rename(tmp, this.file)
      this.handle = await open(this.file, 'a', 0o600)
      this.lines = this.records.size
      this.offset = bytes
      this.appended = 0
    }
    const next = this.writing.then(run)
    this.writing = next.catch(() => undefined)
    await next
  }

  private async rebuild(): Promise<void> {
    const read = await readLogLines(this.file, 0, (line, bytes) => this.apply(line, bytes))
    // Cut a torn tail so the next append starts on a line of its own.
    if (read.torn > 0) await this.requireHandle().truncate(read.complete)
    this.offset = read.complete
    if (
      this.dropped.records > 0 ||
      this.lines > 2 * this.records.size + 1000 ||
      this.offset > 2 * this.limits.maxBytes
    ) {
      await this.compactIfAllowed()
    }
  }

  private async compactIfAllowed(): Promise<void> {
    if (this.mayCompact) await this.compact()
  }

  /** Folds one log line into memory, then drops the oldest records beyond the bounds. */
  private apply(line: LogLine, bytes = 0): void {
    this.lines++
    if (line.op === 'put') {
      if (line.d.id <= this.floorId && !this.records.has(line.d.id)) return
      this.setRecord(line.d, bytes)
    } else if (line.op === 'patch') {
      const cur = this.records.get(line.id)
      if (!cur) return
      const next = { ...cur, ...line.p, id: line.id }
      // A patch replaces fields: the record's size is its own line's, re-measured.
      this.setRecord(next, Buffer.byteLength(JSON.stringify({ op: 'put', d: next })) + 1)
    }
    this.trim()
  }

  private setRecord(d: Delivery, bytes: number): void {
    this.totalBytes += bytes - (this.sizes.get(d.id) ?? 0)
    this.sizes.set(d.id, bytes)
    this.records.set(d.id, d)
  }

  /** Oldest first (insertion order), any status: a flood of dead letters must not grow forever. */
  private trim(): void {
    const { maxRecords, maxBytes } = this.limits
    for (const [id, d] of this.records) {
      if (this.records.size <= maxRecords && this.totalBytes <= maxBytes) break
      if (this.records.size === 1) break // the newest record stays, however large
      this.records.delete(id)
      if (id > this.floorId) this.floorId = id
      this.totalBytes -= this.sizes.get(id) ?? 0
      this.sizes.delete(id)
      this.dropped.records++
      if (d.status === 'dead') this.dropped.dead++
    }
  }

  private report(): void {
    const { records, dead } = this.dropped
    if (records === 0) return
    this.dropped = { records: 0, dead: 0 }
    const mib = Math.round((this.limits.maxBytes / 1024 / 1024) * 10) / 10
    this.logger?.warn(
      `delivery log: dropped the ${records} oldest record${records === 1 ? '' : 's'}` +
        `${dead ? ` (${dead} dead letter${dead === 1 ? '' : 's'})` : ''} to stay within ` +
        `${this.limits.maxRecords} records and ${mib} MiB`,
    )
  }

  private requireHandle(): FileHandle {
    if (!this.handle) throw new Error('the delivery log was opened read-only')
    return this.handle
  }

  private async append(text: string): Promise<void> {
    const next = this.writing.then(() => this.appendDurably(text))
    this.writing = next.catch(() => undefined)
    await next
    this.appended += Buffer.byteLength(text)
    // Long sessions accumulate patch lines and trimmed records: rewrite once they dwarf the
    // records kept (the file stays within about twice the byte bound).
    if (
      this.lines > 4 * this.records.size + 5000 ||
      this.offset + this.appended > 2 * this.limits.maxBytes + 1024 * 1024
    ) {
      await this.compactIfAllowed()
    }
  }

  /** Appends; when another process compacted (renamed) the log meanwhile, reopens and rewrites. */
  private async appendDurably(text: string): Promise<void> {
    const handle = this.requireHandle()
    await handle.appendFile(text)
    const [mine, current] = await Promise.all([handle.stat(), stat(this.file).catch(() => null)])
    if (current && mine.ino === current.ino) return
    await handle.close()
    this.handle = await open(this.file, 'a', 0o600)
    await this.handle.appendFile(text)
  }

  private emit(id: string): void {
    const d = this.records.get(id)
    if (!d) return
    for (const l of this.listeners) {
      try {
        l(structuredClone(d))
      } catch {
        // A listener's failure must not break recording.
      }
    }
  }
}

async function writeBatch(out: FileHandle, batch: string[]): Promise<number> {
  if (batch.length === 0) return 0
  const text = batch.join('')
  await out.writeFile(text)
  return Buffer.byteLength(text)
}
