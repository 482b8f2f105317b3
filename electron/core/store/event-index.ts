/**
 * The in-memory index of the event log: per event its id, where its line is (segment, offset,
 * length), where its metadata and headers sit in that line (read on demand, not held unless the
 * event was appended by this process) and the updates of its derived fields. Retention is decided here, event by event and oldest first, by count and
 * by the bytes of kept event lines; the store then drops a segment once none of its events is
 * kept. Writer and readers apply the same limits to the same lines, so they keep the same events.
 */
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
   * writer's scan); dropped once start-up has used them.
   */
  hint?: ReplayHint | null
}

export class EventIndex {
  private readonly entries = new Map<string, IndexEntry>()
  /**
   * Arrival order as an array with a moving head: a Map used as a queue (delete oldest, iterate
   * from the front) slows down with the holes deletions leave, and eviction runs per append.
   */
  private order: (IndexEntry | null)[] = []
  private head = 0
  /** Kept events per segment, for every segment known (0 = droppable once older than the head). */
  private readonly live = new Map<number, number>()
  private keptBytes = 0
  private emptied = false
  private lastHead = -1

  get size(): number {
    return this.entries.size
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
    const old = this.entries.get(e.id)
    if (old) {
      this.remove(old)
      const at = this.order.indexOf(old, this.head)
      if (at !== -1) this.order[at] = null
    }
    this.entries.set(e.id, e)
    this.order.push(e)
    this.live.set(e.seq, (this.live.get(e.seq) ?? 0) + 1)
    this.keptBytes += e.length + 1
  }

  get(id: string): IndexEntry | undefined {
    return this.entries.get(id)
  }

  has(id: string): boolean {
    return this.entries.has(id)
  }

  patch(id: string, patch: DerivedPatch): IndexEntry | undefined {
    const e = this.entries.get(id)
    if (!e) return undefined
    if (e.meta) Object.assign(e.meta, patch)
    else e.patch = { ...e.patch, ...patch }
    return e
  }

  /** The segments known, oldest first (those with kept events, and the newest). */
  segments(): number[] {
    return [...this.live.keys()].sort((a, b) => a - b)
  }

  /** Oldest first. */
  *values(): IterableIterator<IndexEntry> {
    const order = this.order
    for (let i = this.head; i < order.length; i++) {
      const e = order[i]
      if (e) yield e
    }
  }

  /** The newest entries first, without copying the index. */
  *newestFirst(): IterableIterator<IndexEntry> {
    const order = this.order
    for (let i = order.length - 1; i >= this.head; i--) {
      const e = order[i]
      if (e) yield e
    }
  }

  /** Evicts the oldest events while over either limit; returns their ids, oldest first. */
  evictOver(maxEvents: number, maxBytes: number): string[] {
    const evicted: string[] = []
    const order = this.order
    while (
      this.head < order.length &&
      (this.entries.size > maxEvents || this.keptBytes > maxBytes)
    ) {
      const e = order[this.head]
      order[this.head++] = null
      if (!e) continue
      this.remove(e)
      evicted.push(e.id)
    }
    if (this.head > 1024 && this.head * 2 > order.length) {
      this.order = order.slice(this.head)
      this.head = 0
    }
    return evicted
  }

  /**
   * Segments older than every kept event's segment (and than `head`): safe to unlink. A newer
   * segment with no kept event of its own may still hold updates of kept events, so it stays.
   * Forgets the ones returned.
   */
  takeDroppable(head: number): number[] {
    // Nothing can have become droppable unless a segment was emptied or the head moved.
    if (!this.emptied && head === this.lastHead) return []
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
    this.entries.clear()
    this.order = []
    this.head = 0
    this.live.clear()
    this.keptBytes = 0
    this.emptied = true
    return segs
  }

  private remove(e: IndexEntry): void {
    this.entries.delete(e.id)
    const left = (this.live.get(e.seq) ?? 1) - 1
    this.live.set(e.seq, left)
    if (left === 0) this.emptied = true
    this.keptBytes -= e.length + 1
  }
}
