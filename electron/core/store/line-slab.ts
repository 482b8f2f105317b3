/**
 * Event lines are written straight into slices of a shared slab, as Buffer's own pool does for
 * small buffers, but sized by an upper bound and trimmed to what was written. A line's exact byte
 * length is only known once its strings are encoded: with a slab, the strings are encoded once
 * (no `Buffer.byteLength` pass over each of them first, no joined string of the line) and each
 * line costs no allocation of its own. A slice keeps its slab alive only until the writer has
 * written it (the next turn of the event loop), so at most a few slabs are held at a time.
 */

const SLAB_SIZE = 256 * 1024
/** Lines that could need more than this get a buffer of their own (a slab would be mostly wasted). */
const OWN_BUFFER_FROM = SLAB_SIZE / 8

export class LineSlab {
  /** Where to write after `reserve`: `buf` from `at` on. */
  buf: Buffer
  at = 0
  private slab: Buffer
  private used = 0

  constructor(private readonly size = SLAB_SIZE) {
    this.slab = Buffer.allocUnsafeSlow(size)
    this.buf = this.slab
  }

  /** Makes room for at most `max` bytes at `buf`/`at`; `take` what was written before the next. */
  reserve(max: number): void {
    if (max >= Math.min(OWN_BUFFER_FROM, this.size)) {
      this.buf = Buffer.allocUnsafe(max)
      this.at = 0
      return
    }
    if (this.size - this.used < max) {
      this.slab = Buffer.allocUnsafeSlow(this.size)
      this.used = 0
    }
    this.buf = this.slab
    this.at = this.used
  }

  /** The bytes written into the room made by `reserve`, up to `end`, as a buffer of their own. */
  take(end: number): Buffer {
    // 8-byte aligned, as Buffer's pool keeps its slices.
    if (this.buf === this.slab) this.used = (end + 7) & ~7
    return this.buf.subarray(this.at, end)
  }
}
