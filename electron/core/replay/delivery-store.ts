/**
 * Delivery records on disk: an append-only JSONL log in the data directory (one `put` per new
 * delivery, one `patch` per change), rebuilt into memory on open and compacted by rewrite and
 * atomic rename. A torn last line (crash mid-write) is skipped, not fatal.
 */
import { mkdir, open, readFile, rename, stat, type FileHandle } from 'node:fs/promises'
import { join } from 'node:path'
import type { Delivery, DeliveryKind, DeliveryStatus } from './types'

export const DELIVERIES_FILE = 'deliveries.jsonl'

type LogLine = { op: 'put'; d: Delivery } | { op: 'patch'; id: string; p: Partial<Delivery> }

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
  /** Oldest finished records beyond this are dropped at compaction. */
  maxRecords?: number
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
  private readonly listeners = new Set<(d: Delivery) => void>()
  private lines = 0
  /** Bytes of the log already folded into memory (see refresh()). */
  private offset = 0
  private writing: Promise<void> = Promise.resolve()

  private constructor(
    private readonly file: string,
    private handle: FileHandle | null,
    private readonly maxRecords: number,
    private readonly mayCompact = true,
  ) {}

  static async open(opts: DeliveryStoreOptions): Promise<DeliveryStore> {
    const file = join(opts.dir, DELIVERIES_FILE)
    if (opts.readOnly) {
      const store = new DeliveryStore(file, null, opts.maxRecords ?? 10_000)
      const text = await readFile(file, 'utf8').catch(() => '')
      const complete = text.slice(0, text.lastIndexOf('\n') + 1)
      store.load(complete)
      store.offset = Buffer.byteLength(complete)
      return store
    }
    await mkdir(opts.dir, { recursive: true })
    const handle = await open(file, 'a')
    const store = new DeliveryStore(file, handle, opts.maxRecords ?? 10_000, opts.compact !== false)
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
    this.records.set(delivery.id, structuredClone(delivery))
    await this.append({ op: 'put', d: delivery })
    this.emit(delivery.id)
  }

  async update(id: string, patch: Partial<Delivery>): Promise<Delivery> {
    const current = this.records.get(id)
    if (!current) throw new Error(`no delivery ${id}`)
    const next = { ...current, ...structuredClone(patch), id }
    this.records.set(id, next)
    await this.append({ op: 'patch', id, p: patch })
    this.emit(id)
    return structuredClone(next)
  }

  /** Called after every put/update with the record as it now is. */
  subscribe(listener: (d: Delivery) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  get size(): number {
    return this.records.size
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
      this.lines = 0
      this.offset = 0
    }
    const fh = await open(this.file, 'r')
    try {
      const buf = Buffer.alloc(size - this.offset)
      await fh.read(buf, 0, buf.length, this.offset)
      const text = buf.toString('utf8')
      const complete = text.slice(0, text.lastIndexOf('\n') + 1)
      this.load(complete)
      this.offset += Buffer.byteLength(complete)
    } finally {
      await fh.close()
    }
  }

  async close(): Promise<void> {
    await this.writing
    await this.handle?.close()
  }

  /** Rewrites the log with one `put` per record (atomic rename), dropping old finished ones. */
  async compact(): Promise<void> {
    const run = async () => {
      this.trim()
      const tmp = `${this.file}.tmp`
      const body = [...this.records.values()]
        .map((d) => JSON.stringify({ op: 'put', d }))
        .join('\n')
      const out = await open(tmp, 'w')
      await out.writeFile(body ? `${body}\n` : '')
      await out.sync()
      await out.close()
      await this.requireHandle().close()
      await rename(tmp, this.file)
      this.handle = await open(this.file, 'a')
      this.lines = this.records.size
      this.offset = Buffer.byteLength(body ? `${body}\n` : '')
    }
    const next = this.writing.then(run)
    this.writing = next.catch(() => undefined)
    await next
  }

  private async rebuild(): Promise<void> {
    const text = await readFile(this.file, 'utf8')
    if (text.length > 0 && !text.endsWith('\n')) {
      // Cut a torn tail so the next append starts on a line of its own.
      await this.requireHandle().truncate(
        Buffer.byteLength(text.slice(0, text.lastIndexOf('\n') + 1)),
      )
    }
    const complete = text.slice(0, text.lastIndexOf('\n') + 1)
    this.load(complete)
    this.offset = Buffer.byteLength(complete)
    if (this.lines > 2 * this.records.size + 1000 || this.records.size > this.maxRecords) {
      await this.compactIfAllowed()
    }
  }

  private async compactIfAllowed(): Promise<void> {
    if (this.mayCompact) await this.compact()
  }

  private load(text: string): void {
    for (const raw of text.split('\n')) {
      if (!raw.trim()) continue
      let line: LogLine
      try {
        line = JSON.parse(raw) as LogLine
      } catch {
        continue // a torn line from a crash mid-append
      }
      this.lines++
      if (line.op === 'put') this.records.set(line.d.id, line.d)
      else if (line.op === 'patch') {
        const cur = this.records.get(line.id)
        if (cur) this.records.set(line.id, { ...cur, ...line.p, id: line.id })
      }
    }
  }

  private requireHandle(): FileHandle {
    if (!this.handle) throw new Error('the delivery log was opened read-only')
    return this.handle
  }

  private trim(): void {
    let excess = this.records.size - this.maxRecords
    if (excess <= 0) return
    for (const [id, d] of this.records) {
      if (excess <= 0) break
      if (d.status === 'delivered' || d.kind === 'replay') {
        this.records.delete(id)
        excess--
      }
    }
  }

  private async append(line: LogLine): Promise<void> {
    const text = `${JSON.stringify(line)}\n`
    const next = this.writing.then(() => this.appendDurably(text))
    this.writing = next.catch(() => undefined)
    await next
    this.lines++
    // Long sessions accumulate patch lines: rewrite once they dwarf the records.
    if (this.lines > 4 * this.records.size + 5000) await this.compactIfAllowed()
  }

  /** Appends; when another process compacted (renamed) the log meanwhile, reopens and rewrites. */
  private async appendDurably(text: string): Promise<void> {
    const handle = this.requireHandle()
    await handle.appendFile(text)
    const [mine, current] = await Promise.all([handle.stat(), stat(this.file).catch(() => null)])
    if (current && mine.ino === current.ino) return
    await handle.close()
    this.handle = await open(this.file, 'a')
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
