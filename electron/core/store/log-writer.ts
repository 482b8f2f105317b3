/**
 * Appends lines to the event log's newest segment with group commit: lines queued while a write
 * is in flight go out together in the next single write, so concurrent requests share one
 * syscall (and one fsync when durability is asked for) and each caller learns where its own
 * bytes are. Between batches it rolls to a new segment file once the current one is big enough;
 * a batch never spans two segments, and nothing already written is ever rewritten.
 */
import {
  closeSync,
  fdatasync,
  fstatSync,
  fsync as fsyncFd,
  ftruncateSync,
  mkdirSync,
  open as openFd,
  openSync,
  write,
  writeSync,
  writevSync,
  close as closeFd,
} from 'node:fs'
import { dirname } from 'node:path'
import { promisify } from 'node:util'
import { segmentFile } from './segments'
import { Batch } from './write-batch'

const writeAsync = promisify(write)
const datasyncAsync = promisify(fdatasync)

export interface Position {
  seq: number
  offset: number
}

export interface WriterOptions {
  dir: string
  /** fsync every batch (and the directory after a roll). */
  fsync: boolean
  /** Roll once the segment holds this many bytes, or this many lines. */
  rollBytes: number
  rollLines: number
  /**
   * Told (synchronously) about each new segment, before any line in it is resolved, with the
   * segment it sealed and that segment's final size.
   */
  onRoll: (seq: number, sealed: { seq: number; size: number }) => void
}

export class LogWriter {
  /** The lines queued while a write is in flight: the next batch. */
  private queue: Batch | null = null
  private writing: Promise<void> | null = null
  private lines = 0

  private constructor(
    private opts: WriterOptions,
    private fd: number,
    private seq: number,
    private size: number,
  ) {}

  /** Continues segment `seq` at `size` bytes (creating it when it does not exist yet). */
  static open(opts: WriterOptions, seq: number, size: number, lines: number): LogWriter {
    if (seq === 0) throw new Error('the legacy log is never appended to')
    const file = segmentFile(opts.dir, seq)
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 })
    const fd = openSync(file, 'a', 0o600)
    const w = new LogWriter(opts, fd, seq, size)
    w.lines = lines
    return w
  }

  /** New roll limits (retention changed); applies from the next batch. */
  setLimits(limits: { rollBytes: number; rollLines: number }): void {
    this.opts.rollBytes = limits.rollBytes
    this.opts.rollLines = limits.rollLines
  }

  /** The segment being appended to. */
  get segment(): number {
    return this.seq
  }

  /** Queues a line; resolves with its segment and offset once the bytes are in the file. */
  async append(line: Buffer | Buffer[]): Promise<Position> {
    const batch = this.queueLine(Array.isArray(line) ? line : [line])
    const i = batch.count - 1
    await batch.written
    return { seq: batch.seq, offset: batch.offsetOf(i) }
  }

  /**
   * Queues a line without a promise of its own (the append path): returns its batch, and the
   * line is the batch's last (`count - 1`); once `written` resolves, `seq` and `offsetOf` say
   * where it is.
   */
  queueLine(parts: Buffer[]): Batch {
    const batch = (this.queue ??= new Batch())
    batch.add(parts)
    // After the line is in: with fsync, `kick` takes the batch at once.
    this.kick()
    return batch
  }

  /** Waits until everything queued so far is written. */
  async flush(): Promise<void> {
    while (this.writing) await this.writing
  }

  /** Starts a new segment now (after the lines queued so far): how `clear` leaves old ones. */
  async roll(): Promise<number> {
    await this.flush()
    this.rollSync()
    return this.seq
  }

  async close(): Promise<void> {
    await this.flush()
    await promisify(closeFd)(this.fd)
  }

  private kick(): void {
    if (this.writing || !this.queue) return
    if (!this.opts.fsync) {
      // Without fsync the write only reaches the page cache: doing it synchronously once per
      // event-loop turn costs microseconds, where a thread-pool round trip per batch queued each
      // request behind the loop's other work for milliseconds.
      this.writing = new Promise<void>((resolve) =>
        setImmediate(() => {
          this.writeQueuedSync()
          this.writing = null
          resolve()
          this.kick()
        }),
      )
      return
    }
    this.writing = this.drain().finally(() => {
      this.writing = null
      this.kick()
    })
  }

  /** The queued batch, after rolling to a new segment if this one is full. */
  private takeBatch(): Batch | null {
    const batch = this.queue
    this.queue = null
    if (!batch) return null
    if (
      this.size > 0 &&
      (this.size + batch.length > this.opts.rollBytes || this.lines >= this.opts.rollLines)
    ) {
      this.rollSync()
    }
    return batch
  }

  private rollSync(): void {
    const next = this.seq + 1
    const fd = openSync(segmentFile(this.opts.dir, next), 'wx', 0o600)
    const old = this.fd
    const sealed = { seq: this.seq, size: this.size }
    this.fd = fd
    this.seq = next
    this.size = 0
    this.lines = 0
    closeSync(old)
    this.opts.onRoll(next, sealed)
  }

  private settle(batch: Batch, base: number): void {
    this.size = base + batch.length
    this.lines += batch.count
    batch.done(this.seq, base)
  }

  private writeQueuedSync(): void {
    const batch = this.takeOrFail()
    if (!batch) return
    const base = this.size
    try {
      writeAllSync(this.fd, batch.parts, batch.length)
    } catch (err) {
      this.cutOff(base)
      batch.failed(err as Error)
      return
    }
    this.settle(batch, base)
  }

  private async drain(): Promise<void> {
    while (this.queue) {
      const seqBefore = this.seq
      const batch = this.takeOrFail()
      if (!batch) return
      const bufs = batch.parts
      const buf = bufs.length === 1 ? bufs[0] : Buffer.concat(bufs, batch.length)
      const base = this.size
      try {
        if (this.seq !== seqBefore) await syncDir(this.opts.dir, this.seq)
        let done = 0
        while (done < buf.length) {
          done += (await writeAsync(this.fd, buf, done, buf.length - done)).bytesWritten
        }
        await datasyncAsync(this.fd)
      } catch (err) {
        this.cutOff(base)
        batch.failed(err as Error)
        continue
      }
      this.settle(batch, base)
    }
  }

  /**
   * The next batch, or null after failing it: the next segment could not be opened (disk full,
   * permissions); later appends try again.
   */
  private takeOrFail(): Batch | null {
    const batch = this.queue
    try {
      return this.takeBatch()
    } catch (err) {
      batch?.failed(err as Error)
      return null
    }
  }

  /** Cuts off a partial write so the next line does not glue onto half a record. */
  private cutOff(base: number): void {
    try {
      ftruncateSync(this.fd, base)
    } catch {
      // The next open's scan skips a torn tail anyway.
    }
    try {
      this.size = fstatSync(this.fd).size
    } catch {
      this.size = base
    }
  }
}

/** Writes every buffer in order with gathered writes (writev), resuming after a short write. */
function writeAllSync(fd: number, bufs: Buffer[], length: number): void {
  let written = writevSync(fd, bufs.length > IOV_MAX ? bufs.slice(0, IOV_MAX) : bufs)
  if (written === length) return
  // Short write (or more than IOV_MAX parts): continue from where it stopped.
  const rest = Buffer.concat(bufs, length).subarray(written)
  let done = 0
  while (done < rest.length) done += writeSync(fd, rest, done, rest.length - done)
  written += done
}

const IOV_MAX = 1024

/** Makes a new segment's directory entry durable (power loss), where the OS supports it. */
async function syncDir(dir: string, seq: number): Promise<void> {
  const d = dirname(segmentFile(dir, seq))
  try {
    const fd = await promisify(openFd)(d, 'r')
    await promisify(fsyncFd)(fd).finally(() => promisify(closeFd)(fd))
  } catch {
    // Directory fsync is not supported everywhere (Windows).
  }
}
