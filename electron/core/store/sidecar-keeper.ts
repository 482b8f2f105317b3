/**
 * The writer's side of the segment sidecars (segment-sidecar.ts): keeps the place of every line
 * of the segments not indexed yet, writes a segment's sidecar once it is sealed, invalidates one
 * that a late line would make incomplete, and removes it before its segment is unlinked. File
 * work goes through the thread pool, one job after another per segment, never on the write path.
 */
import { join } from 'node:path'
import {
  HEAD_SIDECAR,
  removeSidecarFile,
  writeSidecarFile,
  type SidecarRecord,
} from './segment-sidecar'
import { SidecarBuilder } from './sidecar-builder'

export class SidecarKeeper {
  /**
   * Sidecars being built, of segments whose sidecar is not written yet (the active one, one
   * just sealed): each line's record is kept as it is tracked, so sealing costs no burst.
   */
  private readonly pending = new Map<number, SidecarBuilder>()
  /** Sidecar file work per segment, one job after another (write, then maybe remove). */
  private readonly jobs = new Map<number, Promise<void>>()
  /** Sidecars this process wrote (so a late line in their segment can invalidate them). */
  private readonly written = new Set<number>()

  constructor(
    private readonly dir: string,
    private readonly warn: (message: string) => void,
  ) {}

  /** Starts keeping the records of a segment being written (new, or continued at open). */
  begin(seq: number, records: SidecarRecord[] = []): void {
    this.pending.set(seq, builderOf(records))
  }

  /** Keeps a line's place for its segment's sidecar; a sidecar already written without it goes. */
  track(seq: number, record: SidecarRecord): void {
    this.builderFor(seq)?.add(record)
  }

  /**
   * The builder of segment `seq`'s sidecar, for a line just appended there; null when the
   * segment has none, and then a sidecar already written without this line goes. The append
   * path gives an event's parts straight to `addEvent` (no record object per event).
   */
  builderFor(seq: number): SidecarBuilder | null {
    const builder = this.pending.get(seq)
    if (!builder) this.late(seq)
    return builder ?? null
  }

  private late(seq: number): void {
    if (this.written.delete(seq)) void this.chain(seq, () => removeSidecarFile(this.dir, seq))
  }

  /**
   * Segment `seq` is sealed at `size` bytes: its sidecar is written a turn later (acks already
   * resolved by then come first: their records are in it).
   */
  sealed(seq: number, size: number): void {
    const builder = this.pending.get(seq)
    if (!builder) return
    void this.chain(seq, async () => {
      await new Promise((r) => setImmediate(r))
      if (this.pending.get(seq) !== builder) return
      this.pending.delete(seq)
      await this.save(seq, builder.chunks(size))
    })
  }

  /** Writes the sidecar of a sealed segment read at open that had none. */
  write(seq: number, size: number, records: SidecarRecord[]): void {
    void this.chain(seq, () => this.save(seq, builderOf(records).chunks(size)))
  }

  /**
   * Writes the newest segment's index (at `size` bytes) when the writer closes; nothing when its
   * records are not all at hand (a segment continued without them).
   */
  saveHead(seq: number, size: number): void {
    const builder = this.pending.get(seq)
    if (!builder) return
    this.pending.delete(seq)
    void this.chain(seq, async () => {
      const text = builder.chunks(size, seq)
      if (text !== null) await writeSidecarFile(this.dir, seq, text, join(this.dir, HEAD_SIDECAR))
    })
  }

  /** Removes a segment's sidecar (before the segment itself: a crash leaves no orphan). */
  drop(seq: number): Promise<void> {
    this.pending.delete(seq)
    return this.chain(seq, () => {
      this.written.delete(seq)
      return removeSidecarFile(this.dir, seq)
    })
  }

  /** Waits for every sidecar write and removal started so far. */
  async settle(): Promise<void> {
    while (this.jobs.size > 0) await Promise.all(this.jobs.values())
  }

  private async save(seq: number, text: string[] | null): Promise<void> {
    if (text === null) return
    this.written.add(seq)
    await writeSidecarFile(this.dir, seq, text)
  }

  private chain(seq: number, job: () => Promise<void>): Promise<void> {
    const p = (this.jobs.get(seq) ?? Promise.resolve()).then(job).catch((err) => {
      // Only a cache: the next open scans the segment instead.
      this.warn(`event log: segment ${seq} index: ${(err as Error).message}`)
    })
    this.jobs.set(seq, p)
    void p.finally(() => {
      if (this.jobs.get(seq) === p) this.jobs.delete(seq)
    })
    return p
  }
}

function builderOf(records: SidecarRecord[]): SidecarBuilder {
  const builder = new SidecarBuilder()
  for (const r of records) builder.add(r)
  return builder
}
