/**
 * The durable event log: an append-only file (events.jsonl) in the data dir, an in-memory
 * index of event metadata, bodies read from disk on demand, retention by count and bytes with
 * compaction by rewrite + atomic rename. One process writes (a lock file says which); any
 * number of others may open it read-only at the same time (the CLI while the app runs).
 */
import { EventEmitter } from 'node:events'
import { mkdir, open, type FileHandle } from 'node:fs/promises'
import { join } from 'node:path'
import type { CapturedEvent, EventSummary } from '../../../shared/event'
import {
  bodyFromLine,
  eventLine,
  fullEvent,
  updateLine,
  type DerivedPatch,
  type EventMeta,
} from './log-format'
import { scanLog } from './log-reader'
import { LogWriter } from './log-writer'
import { acquireLock, type Lock } from './lock-file'
import { compactLog } from './compact'

export const LOG_FILE = 'events.jsonl'

export interface StoreLogger {
  warn(message: string): void
}

export interface EventStoreOptions {
  dir: string
  maxEvents?: number
  maxBytes?: number
  /** fsync every batch: survives power loss, not only a killed process. Off by default. */
  fsync?: boolean
  /** Open for reading only: no lock, no writes, no repair of a torn tail. */
  readOnly?: boolean
  logger?: StoreLogger
}

interface Entry {
  meta: EventMeta
  headersJson: string
  offset: number
  length: number
}

export class EventStore extends EventEmitter {
  private readonly entries = new Map<string, Entry>()
  private liveStart = 0
  private compacting: Promise<void> | null = null
  readonly file: string
  readonly loadProblems: string[] = []
  private maxEvents: number
  private maxBytes: number

  private constructor(
    private readonly opts: EventStoreOptions,
    private writer: LogWriter | null,
    private reader: SharedReader,
    private readonly lock: Lock | null,
  ) {
    super()
    this.file = join(opts.dir, LOG_FILE)
    this.maxEvents = opts.maxEvents ?? 10_000
    this.maxBytes = opts.maxBytes ?? 1024 * 1024 * 1024
  }

  static async open(opts: EventStoreOptions): Promise<EventStore> {
    const file = join(opts.dir, LOG_FILE)
    let lock: Lock | null = null
    if (!opts.readOnly) {
      await mkdir(opts.dir, { recursive: true })
      lock = await acquireLock(join(opts.dir, 'events.lock'))
    }
    try {
      const entries = new Map<string, Entry>()
      const scan = await scanLog(file, ({ offset, length, record }) => {
        if (record.op === 'event') {
          const { meta, headersJson } = record
          entries.set(meta.id, { meta, headersJson, offset, length })
        } else {
          const e = entries.get(record.id)
          if (e) Object.assign(e.meta, record.patch)
        }
      })
      let size = scan.size
      if (!opts.readOnly && scan.goodEnd < scan.size) {
        const h = await open(file, 'r+')
        await h.truncate(scan.goodEnd)
        await h.close()
        size = scan.goodEnd
      }
      const writer = opts.readOnly ? null : await LogWriter.open(file, size, Boolean(opts.fsync))
      const store = new EventStore(opts, writer, await SharedReader.open(file), lock)
      for (const p of scan.problems) {
        const what = p.torn
          ? `skipped a torn last record at byte ${p.offset} (${p.length} bytes): a write was cut off`
          : `skipped an unreadable record at byte ${p.offset} (${p.error})`
        store.loadProblems.push(what)
        opts.logger?.warn(`event log: ${what}`)
      }
      for (const [id, e] of entries) store.entries.set(id, e)
      store.enforceRetention()
      return store
    } catch (err) {
      await lock?.release()
      throw err
    }
  }

  get count(): number {
    return this.entries.size
  }

  get sizeBytes(): number {
    return (this.writer?.fileSize ?? 0) - this.liveStart
  }

  setRetention(limits: { maxEvents?: number; maxBytes?: number }): void {
    if (limits.maxEvents) this.maxEvents = limits.maxEvents
    if (limits.maxBytes) this.maxBytes = limits.maxBytes
    this.enforceRetention()
  }

  /** Writes the event; resolves once its bytes are in the log (before the sender is answered). */
  async append(event: EventSummary, body: Buffer): Promise<EventSummary> {
    const writer = this.requireWriter()
    const headersJson = JSON.stringify(event.headers)
    const line = eventLine(event, body, headersJson)
    const offset = await writer.append(line)
    const { headers: _headers, ...meta } = event
    this.entries.set(meta.id, {
      meta: { ...meta },
      headersJson,
      offset,
      length: line.length - 1,
    })
    this.emit('appended', event)
    this.enforceRetention()
    return event
  }

  /** Records new derived fields (verification, idempotency, ...) for a stored event. */
  async update(id: string, patch: DerivedPatch): Promise<EventSummary | null> {
    const entry = this.entries.get(id)
    if (!entry) return null
    await this.requireWriter().append(updateLine(id, patch))
    Object.assign(entry.meta, patch)
    const summary = toSummary(entry)
    this.emit('updated', summary)
    return summary
  }

  /** All stored events, oldest first. */
  list(): EventSummary[] {
    return Array.from(this.entries.values(), toSummary)
  }

  /** Metadata without headers, oldest first: cheap, for scans over every event. */
  *metas(): IterableIterator<Omit<EventSummary, 'headers'>> {
    for (const e of this.entries.values()) yield e.meta
  }

  get(id: string): EventSummary | undefined {
    const e = this.entries.get(id)
    return e ? toSummary(e) : undefined
  }

  has(id: string): boolean {
    return this.entries.has(id)
  }

  async readBody(id: string): Promise<Buffer | null> {
    const e = this.entries.get(id)
    if (!e) return null
    const line = await this.reader.read(e.offset, e.length)
    return bodyFromLine(line)
  }

  async getFull(id: string): Promise<CapturedEvent | null> {
    const e = this.entries.get(id)
    if (!e) return null
    const body = await this.readBody(id)
    return body ? fullEvent(toSummary(e), body) : null
  }

  /** Removes every event (rewrites the log empty). */
  async clear(): Promise<number> {
    const cleared = this.entries.size
    await this.requireWriter().exclusive(async () => {
      const swap = await compactLog(this.file, this.writer!.fileSize, this.writer!.fileSize)
      this.entries.clear()
      this.liveStart = 0
      await this.swapReader()
      return swap
    })
    this.emit('cleared', cleared)
    return cleared
  }

  async close(): Promise<void> {
    await this.compacting
    // Leave no evicted events on disk: a reader with other limits would bring them back.
    if (this.writer && this.liveStart > 0) await this.compact()
    await this.writer?.close()
    this.writer = null
    await this.reader.close()
    await this.lock?.release()
  }

  private requireWriter(): LogWriter {
    if (!this.writer) throw new Error('the event log is open read-only')
    return this.writer
  }

  private enforceRetention(): void {
    const evicted: string[] = []
    const fileSize = this.writer?.fileSize ?? 0
    for (const [id, e] of this.entries) {
      const overCount = this.entries.size > this.maxEvents
      const overBytes = this.writer !== null && fileSize - e.offset > this.maxBytes
      if (!overCount && !overBytes) break
      this.entries.delete(id)
      evicted.push(id)
    }
    const first = this.entries.values().next()
    this.liveStart = first.done ? fileSize : first.value.offset
    if (evicted.length > 0) this.emit('evicted', evicted)
    if (this.writer && !this.compacting && this.needsCompaction()) {
      this.compacting = this.compact().finally(() => (this.compacting = null))
    }
  }

  private needsCompaction(): boolean {
    // Rewrite when the dead prefix is a tenth of what we keep (and worth a rewrite at all).
    const dead = this.liveStart
    return dead > 1024 * 1024 && dead > Math.min(this.maxBytes, this.sizeBytes) / 10
  }

  private async compact(): Promise<void> {
    const writer = this.writer
    if (!writer) return
    try {
      await writer.exclusive(async () => {
        const start = this.liveStart
        const swap = await compactLog(this.file, start, writer.fileSize)
        for (const e of this.entries.values()) e.offset -= start
        this.liveStart = 0
        await this.swapReader()
        return swap
      })
    } catch (err) {
      this.opts.logger?.warn(
        `event log: compaction failed, will retry later (${(err as Error).message})`,
      )
    }
  }

  private async swapReader(): Promise<void> {
    const old = this.reader
    this.reader = await SharedReader.open(this.file)
    void old.close()
  }
}

function toSummary(e: Entry): EventSummary {
  return { ...e.meta, headers: JSON.parse(e.headersJson) } as EventSummary
}

/** A read handle that outlives a compaction's swap until its in-flight reads finish. */
class SharedReader {
  private inFlight = 0
  private closing: (() => void) | null = null
  private constructor(private readonly handle: FileHandle | null) {}

  static async open(file: string): Promise<SharedReader> {
    try {
      return new SharedReader(await open(file, 'r'))
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return new SharedReader(null)
      throw err
    }
  }

  async read(offset: number, length: number): Promise<Buffer> {
    if (!this.handle) throw new Error('event log missing')
    this.inFlight++
    try {
      const buf = Buffer.allocUnsafe(length)
      let done = 0
      while (done < length) {
        const { bytesRead } = await this.handle.read(buf, done, length - done, offset + done)
        if (bytesRead === 0) throw new Error('event log shorter than its index')
        done += bytesRead
      }
      return buf
    } finally {
      this.inFlight--
      if (this.inFlight === 0 && this.closing) this.closing()
    }
  }

  async close(): Promise<void> {
    if (this.inFlight > 0) await new Promise<void>((r) => (this.closing = r))
    await this.handle?.close()
  }
}
