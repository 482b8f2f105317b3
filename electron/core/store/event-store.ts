/**
 * The durable event log: append-only segment files in the data dir (segments.ts), an in-memory
 * index of event metadata (event-index.ts), headers and bodies read from disk on demand, and
 * retention by count and bytes that drops whole old segments — kept bytes are never rewritten,
 * so no append ever waits for retention. One process writes (a lock file says which); any number
 * of others may open it read-only at the same time (the CLI while the app runs) and, given the
 * same limits, keep exactly the same events. Opening (reading the segments, repairing the
 * newest) is log-loader.ts; this is the running store.
 */
import { EventEmitter } from 'node:events'
import { fstatSync } from 'node:fs'
import { mkdir, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import type { CapturedEvent, EventSummary, HeaderPair } from '../../../shared/event'
import { EventIndex, type IndexEntry } from './event-index'
import {
  bodyFromLine,
  eventRecord,
  metaOf,
  fullEvent,
  HEADERS_MARKER_LENGTH,
  parseMeta,
  updateLine,
  type DerivedPatch,
  type EventMeta,
} from './log-format'
import { loadLog, readyHead, sidecarHintReader } from './log-loader'
import { LogWriter } from './log-writer'
import { SidecarKeeper } from './sidecar-keeper'
import { startupHints } from './startup-hints'
import type { ReplayHint } from './segment-sidecar'
import { acquireLock, type Lock } from './lock-file'
import { SEGMENT_DIR, SegmentHandles, segmentFile } from './segments'

export { LEGACY_LOG, SEGMENT_DIR, segmentFile } from './segments'

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
  /**
   * Read-only: load only the newest N segments (a reader that needs only the newest events).
   * Retention applied to them keeps exactly the events of theirs the writer keeps; events of
   * older segments are unknown to this store (`has` is false for them).
   */
  newestSegments?: number
  /** Segment size limits (default: a sixteenth of the retention limits, within bounds). */
  segmentBytes?: number
  segmentLines?: number
  logger?: StoreLogger
}

const MiB = 1024 * 1024

export class EventStore extends EventEmitter {
  private readonly index = new EventIndex()
  private readonly handles = new SegmentHandles()
  private readonly sidecars: SidecarKeeper
  private writer: LogWriter | null = null
  private lock: Lock | null = null
  /** Where the segments live (for messages). */
  readonly file: string
  readonly loadProblems: string[] = []
  private maxEvents: number
  private maxBytes: number
  /** Segments loaded from a sidecar whose hints `startupMetas` reads from it: their ids. */
  private hintsOnDisk = new Map<number, string[]>()

  private constructor(private readonly opts: EventStoreOptions) {
    super()
    this.file = join(opts.dir, SEGMENT_DIR)
    this.maxEvents = opts.maxEvents ?? 10_000
    this.maxBytes = opts.maxBytes ?? 1024 * MiB
    this.sidecars = new SidecarKeeper(opts.dir, (m) => opts.logger?.warn(m))
  }

  static async open(opts: EventStoreOptions): Promise<EventStore> {
    const store = new EventStore(opts)
    if (!opts.readOnly) {
      await mkdir(opts.dir, { recursive: true })
      store.lock = await acquireLock(join(opts.dir, 'events.lock'))
    }
    try {
      await store.load()
      return store
    } catch (err) {
      store.handles.closeAll()
      await store.lock?.release()
      throw err
    }
  }

  private async load(): Promise<void> {
    const loaded = await loadLog({
      dir: this.opts.dir,
      readOnly: Boolean(this.opts.readOnly),
      newestSegments: this.opts.newestSegments,
      index: this.index,
      handles: this.handles,
      sidecars: this.sidecars,
      problems: this.loadProblems,
      warn: (m) => this.opts.logger?.warn(m),
    })
    this.hintsOnDisk = loaded.hintsOnDisk
    this.headScanOnly = loaded.headScanOnly
    if (this.opts.readOnly) {
      this.enforceRetention()
      return
    }
    const head = await readyHead(this.opts.dir, loaded.last)
    const writerOpts = {
      dir: this.opts.dir,
      fsync: Boolean(this.opts.fsync),
      ...this.segmentLimits(),
      onRoll: (next: number, sealed: { seq: number; size: number }) => this.onRoll(next, sealed),
    }
    this.writer = LogWriter.open(writerOpts, head.seq, head.size, head.lines)
    if (!head.continued) this.onRoll(head.seq)
    this.enforceRetention()
  }

  get count(): number {
    return this.index.size
  }

  /** Bytes of the kept events' lines. */
  get sizeBytes(): number {
    return this.index.bytes
  }

  setRetention(limits: { maxEvents?: number; maxBytes?: number }): void {
    if (limits.maxEvents) this.maxEvents = limits.maxEvents
    if (limits.maxBytes) this.maxBytes = limits.maxBytes
    this.writer?.setLimits(this.segmentLimits())
    this.enforceRetention()
  }

  /** Writes the event; resolves once its bytes are in the log (before the sender is answered). */
  async append(event: EventSummary, body: Buffer): Promise<EventSummary> {
    return (await this.appendLine(event, body)).event
  }

  /**
   * `append`, also handing back the line as written (its parts: the last ones may be views of
   * the body): the event's JSON with `bodyEncoding` and `body`, headers last. `line` is null when
   * the stored summary says more than the event given (a `firstEvicted` mark), so whoever prints
   * the line prints exactly the summary it gets.
   */
  async appendLine(
    event: EventSummary,
    body: Buffer,
  ): Promise<{ event: EventSummary; line: readonly Buffer[] | null }> {
    const writer = this.requireWriter()
    // The metadata object is built once: the line's JSON and the index entry share it.
    const meta = metaOf(event)
    const { parts, length, headers } = eventRecord(event, body, undefined, meta)
    // The line's batch is awaited, not a promise of the line's own (one per batch, not per line).
    const batch = writer.queueLine(parts)
    const line = batch.count - 1
    await batch.written
    const seq = batch.seq
    const offset = batch.offsetOf(line)
    const metaLength = headers.at - (HEADERS_MARKER_LENGTH - 1)
    this.index.add({
      id: event.id,
      meta,
      metaLength,
      patch: null,
      seq,
      offset,
      length: length - 1,
      headers,
    })
    // The metadata holds every field of the sidecar's hint: it is passed as the hint (no copy).
    this.sidecars
      .builderFor(seq)
      ?.addEvent(event.id, offset, length - 1, metaLength, headers.at, headers.length, meta)
    this.emit('appended', event)
    this.enforceRetention()
    const stored = this.withFirst(event)
    return { event: stored, line: stored === event ? parts : null }
  }

  /** Records new derived fields (verification, idempotency, ...) for a stored event. */
  async update(id: string, patch: DerivedPatch): Promise<EventSummary | null> {
    if (!this.index.has(id)) return null
    const at = await this.requireWriter().append(updateLine(id, patch))
    this.sidecars.track(at.seq, { update: id, patch })
    const entry = this.index.patch(id, patch)
    if (!entry) return null
    const summary = this.toSummary(entry)
    this.emit('updated', summary)
    return summary
  }

  /** All stored events, oldest first (headers read from disk: prefer `metas` for scans). */
  list(): EventSummary[] {
    return Array.from(this.index.values(), (e) => this.toSummary(e))
  }

  /** Every stored id, oldest first: nothing parsed or read from disk. */
  ids(): string[] {
    return Array.from(this.index.values(), (e) => e.id)
  }

  /** Metadata without headers, oldest first: cheap, for scans over every event. */
  *metas(): IterableIterator<Omit<EventSummary, 'headers'>> {
    for (const e of this.index.values()) yield this.withFirst(this.metaOf(e))
  }

  /**
   * What start-up's duplicate index needs of every stored event, oldest first: from the
   * sidecars (or the writer's scan) when loaded with them, without reading the log again.
   * The hints are dropped as they are used: call once, at start-up.
   */
  *startupMetas(): IterableIterator<ReplayHint> {
    yield* startupHints(
      this.index.values(),
      this.hintsOnDisk,
      sidecarHintReader(this.opts.dir, this.handles),
      (e) => this.metaOf(e),
      (e) => this.index.dropHint(e),
    )
    this.hintsOnDisk.clear()
  }

  /**
   * What identifies the kept events for a snapshot of state derived from them (the analysis
   * snapshot): the segments, the count and the oldest and newest ids. The same after a clean
   * close and the next open, unless events were written or dropped in between.
   */
  stamp(): string {
    const first = this.index.values().next().value?.id ?? ''
    const last = this.index.newestFirst().next().value?.id ?? ''
    return `${this.index.size} ${first} ${last} ${this.index.segments().join(',')}`
  }

  /** Start-up did not need `startupMetas` (a snapshot stood in): lets go of the hints held. */
  dropStartupHints(): void {
    this.index.dropHints()
    this.hintsOnDisk.clear()
  }

  /** Metadata without headers, newest first. */
  *metasNewestFirst(): IterableIterator<Omit<EventSummary, 'headers'>> {
    for (const e of this.index.newestFirst()) yield this.withFirst(this.metaOf(e))
  }

  /**
   * The newest `limit` events (all without a limit) whose metadata match, oldest first: scans
   * newest first and stops early, and reads headers only for the events returned.
   */
  select(match: (meta: EventMeta) => boolean, limit = Infinity): EventSummary[] {
    const out: IndexEntry[] = []
    for (const e of this.index.newestFirst()) {
      if (out.length >= limit) break
      if (match(this.withFirst(this.metaOf(e)))) out.push(e)
    }
    return out.reverse().map((e) => this.toSummary(e))
  }

  /** A stored event's metadata without its headers (nothing read but the metadata). */
  meta(id: string): Omit<EventSummary, 'headers'> | undefined {
    const e = this.index.get(id)
    return e ? this.metaOf(e) : undefined
  }

  get(id: string): EventSummary | undefined {
    const e = this.index.get(id)
    return e ? this.toSummary(e) : undefined
  }

  has(id: string): boolean {
    return this.index.has(id)
  }

  async readBody(id: string): Promise<Buffer | null> {
    const e = this.index.get(id)
    if (!e) return null
    const line = await this.handles.read(e.seq, e.offset, e.length)
    return bodyFromLine(line)
  }

  async getFull(id: string): Promise<CapturedEvent | null> {
    const e = this.index.get(id)
    if (!e) return null
    const body = await this.readBody(id)
    return body ? fullEvent(this.toSummary(e), body) : null
  }

  /** Removes every event: later events go to a new segment, every older one is unlinked. */
  async clear(): Promise<number> {
    const cleared = this.index.size
    const writer = this.requireWriter()
    await writer.roll()
    const head = writer.segment
    for (const seq of this.index.clear()) if (seq !== head) await this.dropSegment(seq)
    this.index.touchSegment(head)
    this.emit('cleared', cleared)
    return cleared
  }

  async close(): Promise<void> {
    const writer = this.writer
    await writer?.close()
    this.writer = null
    await Promise.all(this.dropping)
    // The newest segment's index, so that the next open need not scan it.
    if (writer && this.handles.has(writer.segment) && !this.headScanOnly) {
      const seq = writer.segment
      this.sidecars.saveHead(seq, fstatSync(this.handles.fd(seq)).size)
    }
    await this.sidecars.settle()
    this.handles.closeAll()
    await this.lock?.release()
    this.lock = null
  }

  private dropping = new Set<Promise<void>>()
  /** The newest segment had an unreadable line when opened: no index of it at close. */
  private headScanOnly = false

  private segmentLimits(): { rollBytes: number; rollLines: number } {
    return {
      rollBytes:
        this.opts.segmentBytes ?? Math.min(64 * MiB, Math.max(MiB, Math.ceil(this.maxBytes / 16))),
      rollLines: this.opts.segmentLines ?? Math.max(64, Math.ceil(this.maxEvents / 16)),
    }
  }

  private onRoll(seq: number, sealed?: { seq: number; size: number }): void {
    this.handles.openSync(seq, segmentFile(this.opts.dir, seq))
    this.index.touchSegment(seq)
    this.sidecars.begin(seq)
    if (sealed) this.sidecars.sealed(sealed.seq, sealed.size)
    this.headScanOnly = false
  }

  private requireWriter(): LogWriter {
    if (!this.writer) throw new Error('the event log is open read-only')
    return this.writer
  }

  private enforceRetention(): void {
    const evicted = this.index.evictOver(this.maxEvents, this.maxBytes)
    if (evicted.length > 0) this.emit('evicted', evicted)
    if (!this.writer) return
    for (const seq of this.index.takeDroppable(this.writer.segment)) {
      const p = this.dropSegment(seq).finally(() => this.dropping.delete(p))
      this.dropping.add(p)
    }
  }

  /** Unlinks a segment off the write path (thread pool); readers holding it keep reading. */
  private async dropSegment(seq: number): Promise<void> {
    this.handles.drop(seq)
    // The sidecar first: a crash in between leaves a segment without one (scanned), no orphan.
    await this.sidecars.drop(seq)
    try {
      await unlink(segmentFile(this.opts.dir, seq))
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
        this.opts.logger?.warn(
          `event log: could not drop segment ${seq}: ${(err as Error).message}`,
        )
      }
    }
  }

  private toSummary(e: IndexEntry): EventSummary {
    return { ...this.withFirst(this.metaOf(e)), headers: this.readHeaders(e) } as EventSummary
  }

  /** The event's metadata: in memory when appended here, else parsed from its line (not kept). */
  private metaOf(e: IndexEntry): EventMeta {
    if (e.meta) return e.meta
    const meta = parseMeta(this.handles.readSync(e.seq, e.offset, e.metaLength))
    return e.patch ? Object.assign(meta, e.patch) : meta
  }

  private readHeaders(e: IndexEntry): HeaderPair[] {
    const h = e.headers
    if (Array.isArray(h)) return h
    const text = this.handles.readSync(e.seq, e.offset + h.at, h.length)
    return JSON.parse(text.toString('utf8')) as HeaderPair[]
  }

  /** Marks an idempotency `firstId` whose event retention dropped (never a broken link). */
  private withFirst<T extends Omit<EventSummary, 'headers'>>(meta: T): T {
    const idem = meta.idempotency
    if (!idem || idem.firstId === meta.id || this.index.has(idem.firstId)) return meta
    return { ...meta, idempotency: { ...idem, firstEvicted: true } }
  }
}
