/**
 * A batch of the log writer (log-writer.ts): the lines queued while a write is in flight, which
 * go out together with one write, and where each of them is once written. One promise per
 * batch, not one per line (with its two resolving functions and its executor): the append path
 * awaits its batch and then reads its own place.
 */
export class Batch {
  /** The lines' parts in order (gathered by the write, not concatenated). */
  readonly parts: Buffer[] = []
  /** Per line, where it ends relative to the batch's start. */
  private readonly ends: number[] = []
  length = 0
  /** Where the batch went: set before `written` resolves. */
  seq = 0
  private base = 0
  /** Resolves once the batch's bytes are in the file; rejects when the write failed. */
  readonly written: Promise<void>
  private settle!: (err?: Error) => void

  constructor() {
    this.written = new Promise<void>((resolve, reject) => {
      this.settle = (err) => (err ? reject(err) : resolve())
    })
    // Every line's caller handles a failure; a batch is never left with an unhandled rejection.
    this.written.catch(() => undefined)
  }

  get count(): number {
    return this.ends.length
  }

  /** Adds a line; its number in the batch. */
  add(parts: Buffer[]): number {
    for (const p of parts) {
      if (p.length > 0) this.parts.push(p)
      this.length += p.length
    }
    return this.ends.push(this.length) - 1
  }

  /** Where line `i` starts in segment `seq` (once written). */
  offsetOf(i: number): number {
    return this.base + (i === 0 ? 0 : this.ends[i - 1])
  }

  done(seq: number, base: number): void {
    this.seq = seq
    this.base = base
    this.settle()
  }

  failed(err: Error): void {
    this.settle(err)
  }
}
