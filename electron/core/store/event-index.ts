/**
 * The in-memory index of the event log: per event its id, where its line is (segment, offset,
 * length), where its metadata and headers sit in that line (read on demand, not held unless the
 * event was appended by this process) and the updates of its derived fields. Retention is
 * decided here, event by event and oldest first, by count and by the bytes of kept event lines;
 * the store then drops a segment once none of its events is kept. Writer and readers apply the
 * same limits to the same lines, so they keep the same events.
 *
 * Stored as columns in arrival order (struct of arrays: typed arrays for the numbers), not as an
 * object per event: an index of 100k events is a few flat arrays the garbage collector does not
 * trace, instead of 200k small objects it copied into the old generation and marked at every
 * full collection. `IndexEntry` objects are made on demand for the callers that read an entry.
 */
import type { HeaderPair } from '../../../shared/event'
import type { DerivedPatch, EventMeta, HeadersRef } from './log-format'
import type { ReplayHint } from './segment-sidecar'

export interface IndexEntry {
  id: string
  /**
   * The metadata when it is at hand (appended in this process, or parsed whole); otherwise null
   * and read from the line on demand (`metaLength` bytes at `offset`), then `patch` applied.
   */
  meta: EventMeta | null
  metaLength: number
  /** Derived fields updated since the line was written (update records). */
  patch: DerivedPatch | null
  seq: number
  offset: number
  /** Line length without the newline. */
  length: number
  headers: HeadersRef
  /**
   * The fields start-up's duplicate index needs, when loaded with the entry (sidecar or a
   * writer's scan); dropped once start-up has used them (`dropHint`).
   */
  hint?: ReplayHint | null
}

const INITIAL_CAPACITY = 1024
/** What `evictOver` and `takeDroppable` return when there is nothing (shared: never changed). */
const NONE: readonly never[] = Object.freeze([])

export class EventIndex {
  /** Id -> arrival number (`first` is the oldest kept or evicted-but-not-compacted one). */
  private readonly slots = new Map<string, number>()
  /** Arrival number of column position 0, and of the oldest position not evicted yet. */
  private base = 0
  private head = 0
  /** Arrival number the next event gets. */
  private next = 0
  private capacity = INITIAL_CAPACITY
  /** An id, or null where the event was evicted or superseded by a later line with its id. */
  private ids: (string | null)[] = []
  private metas: (EventMeta | null)[] = []
  private seqs = new Int32Array(INITIAL_CAPACITY)
  /** Offsets as doubles: the adopted legacy log can be bigger than 2 GiB. */
  private offsets = new Float64Array(INITIAL_CAPACITY)
  /** Doubles, as offsets: one line holds its body, and a body may be bigger than 2 GiB. */
  private lengths = new Float64Array(INITIAL_CAPACITY)
  private metaLengths = new Int32Array(INITIAL_CAPACITY)
  private headersAts = new Int32Array(INITIAL_CAPACITY)
  private headersLengths = new Int32Array(INITIAL_CAPACITY)
  /** Rare per event, so kept by arrival number: updates, start-up hints, headers parsed whole. */
  private readonly patches = new Map<number, DerivedPatch>()
  private readonly hints = new Map<number, ReplayHint>()
  private readonly parsedHeaders = new Map<number, HeaderPair[]>()
  /** Kept events per segment, for every segment known (0 = droppable once older than the head). */
  private readonly live = new Map<number, number>()
  private keptBytes = 0
  private emptied = false
  private lastHead = -1

  get size(): number {
    return this.slots.size
  }

  /** Bytes of the kept events' lines (newlines included). */
  get bytes(): number {
    return this.keptBytes
  }

  /** Makes a segment known even while it holds no kept event (so it can be dropped). */
  touchSegment(seq: number): void {
    if (!this.live.has(seq)) this.live.set(seq, 0)
  }

  add(e: IndexEntry): void {
    const old = this.slots.get(e.id)
    if (old !== undefined) this.remove(old)
    if (this.next - this.base === this.capacity) this.makeRoom()
    const n = this.next++
    const i = n - this.base
    this.slots.set(e.id, n)
    this.ids[i] = e.id
    this.metas[i] = e.meta
    this.seqs[i] = e.seq
    this.offsets[i] = e.offset
    this.lengths[i] = e.length
    this.metaLengths[i] = e.metaLength
    const h = e.headers
    if (Array.isArray(h)) {
      this.parsedHeaders.set(n, h)
      this.headersAts[i] = -1
    } else {
      this.headersAts[i] = h.at
      this.headersLengths[i] = h.length
    }
    if (e.patch) this.patches.set(n, e.patch)
    if (e.hint) this.hints.set(n, e.hint)
    this.live.set(e.seq, (this.live.get(e.seq) ?? 0) + 1)
    this.keptBytes += e.length + 1
  }

  get(id: string): IndexEntry | undefined {
    const n = this.slots.get(id)
    return n === undefined ? undefined : this.entry(n)
  }

  has(id: string): boolean {
    return this.slots.has(id)
  }

  patch(id: string, patch: DerivedPatch): IndexEntry | undefined {
    const n = this.slots.get(id)
    if (n === undefined) return undefined
    const meta = this.metas[n - this.base]
    if (meta) Object.assign(meta, patch)
    else this.patches.set(n, { ...this.patches.get(n), ...patch })
    return this.entry(n)
  }

  /** Lets go of the start-up hint of an entry from `values` (used once). */
  dropHint(e: IndexEntry): void {
    const n = this.slots.get(e.id)
    if (n !== undefined) this.hints.delete(n)
  }

  /** Lets go of every start-up hint. */
  dropHints(): void {
    this.hints.clear()
  }

  /** The segments known, oldest first (those with kept events, and the newest). */
  segments(): number[] {
    return [...this.live.keys()].sort((a, b) => a - b)
  }

  /** Oldest first. */
  *values(): IterableIterator<IndexEntry> {
    for (let n = this.head; n < this.next; n++) {
      if (n < this.head) n = this.head // evicted while the caller was busy with the last one
      if (n < this.next && this.ids[n - this.base] !== null) yield this.entry(n)
    }
  }

  /** The newest entries first, without copying the index. */
  *newestFirst(): IterableIterator<IndexEntry> {
    for (let n = this.next - 1; n >= this.head; n--) {
      if (this.ids[n - this.base] !== null) yield this.entry(n)
    }
  }

  /** Evicts the oldest events while over either limit; returns their ids, oldest first. */
  evictOver(maxEvents: number, maxBytes: number): readonly string[] {
    // Runs at every append, mostly with nothing to evict: no array made for nothing.
    if (this.slots.size <= maxEvents && this.keptBytes <= maxBytes) return NONE
    const evicted: string[] = []
    while (this.head < this.next && (this.slots.size > maxEvents || this.keptBytes > maxBytes)) {
      const n = this.head++
      const id = this.ids[n - this.base]
      if (id === null) continue
      this.remove(n)
      evicted.push(id)
    }
    return evicted
  }

  /**
   * Segments older than every kept event's segment (and than `head`): safe to unlink. A newer
   * segment with no kept event of its own may still hold updates of kept events, so it stays.
   * Forgets the ones returned.
   */
  takeDroppable(head: number): readonly number[] {
    // Nothing can have become droppable unless a segment was emptied or the head moved.
    if (!this.emptied && head === this.lastHead) return NONE
    this.emptied = false
    this.lastHead = head
    let oldestKept = head
    for (const [seq, n] of this.live) if (n > 0 && seq < oldestKept) oldestKept = seq
    const out: number[] = []
    for (const seq of this.live.keys()) if (seq < oldestKept) out.push(seq)
    for (const seq of out) this.live.delete(seq)
    return out.sort((a, b) => a - b)
  }

  /** Forgets every event; returns the segments known so far (all droppable once rolled). */
  clear(): number[] {
    const segs = [...this.live.keys()]
    this.slots.clear()
    this.ids = []
    this.metas = []
    this.base = this.head = this.next
    this.patches.clear()
    this.hints.clear()
    this.parsedHeaders.clear()
    this.live.clear()
    this.keptBytes = 0
    this.emptied = true
    return segs
  }

  /** The entry of arrival number `n` (kept), as an object of its own. */
  private entry(n: number): IndexEntry {
    const i = n - this.base
    const at = this.headersAts[i]
    return {
      id: this.ids[i]!,
      meta: this.metas[i],
      metaLength: this.metaLengths[i],
      patch: this.patches.get(n) ?? null,
      seq: this.seqs[i],
      offset: this.offsets[i],
      length: this.lengths[i],
      headers: at < 0 ? this.parsedHeaders.get(n)! : { at, length: this.headersLengths[i] },
      hint: this.hints.get(n) ?? null,
    }
  }

  /** Forgets kept event `n` (evicted, or superseded by a later line with its id). */
  private remove(n: number): void {
    const i = n - this.base
    this.slots.delete(this.ids[i]!)
    this.ids[i] = null
    this.metas[i] = null
    this.patches.delete(n)
    this.hints.delete(n)
    this.parsedHeaders.delete(n)
    const seq = this.seqs[i]
    const left = (this.live.get(seq) ?? 1) - 1
    this.live.set(seq, left)
    if (left === 0) this.emptied = true
    this.keptBytes -= this.lengths[i] + 1
  }

  /**
   * The columns are full: drops the evicted positions before the head when they are at least
   * half of them (retention keeps the count steady: no growth), else doubles the capacity.
   */
  private makeRoom(): void {
    const drop = this.head - this.base
    const keep = this.next - this.head
    const capacity = drop * 2 >= this.capacity ? this.capacity : this.capacity * 2
    const grow = capacity !== this.capacity
    this.seqs = moved(this.seqs, drop, keep, grow ? new Int32Array(capacity) : this.seqs)
    this.offsets = moved(this.offsets, drop, keep, grow ? new Float64Array(capacity) : this.offsets)
    this.lengths = moved(this.lengths, drop, keep, grow ? new Float64Array(capacity) : this.lengths)
    const metaLengths = grow ? new Int32Array(capacity) : this.metaLengths
    this.metaLengths = moved(this.metaLengths, drop, keep, metaLengths)
    const headersAts = grow ? new Int32Array(capacity) : this.headersAts
    this.headersAts = moved(this.headersAts, drop, keep, headersAts)
    const headersLengths = grow ? new Int32Array(capacity) : this.headersLengths
    this.headersLengths = moved(this.headersLengths, drop, keep, headersLengths)
    if (drop > 0) {
      this.ids = this.ids.slice(drop)
      this.metas = this.metas.slice(drop)
    }
    this.capacity = capacity
    this.base = this.head
  }
}

/** Copies `keep` numbers from `drop` on to the start of `out` (which may be `a` itself). */
function moved<T extends Int32Array | Float64Array>(a: T, drop: number, keep: number, out: T): T {
  if (out === a) a.copyWithin(0, drop, drop + keep)
  else out.set(a.subarray(drop, drop + keep))
  return out
}
