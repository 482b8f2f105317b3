/**
 * Appends lines to the event log with group commit: lines queued while a write is in flight
 * go out together in the next single write, so concurrent requests share one syscall (and one
 * fsync when durability is asked for) and each caller learns when its own bytes are written.
 */
import { fstatSync, ftruncateSync, writeSync } from 'node:fs'
import { open, type FileHandle } from 'node:fs/promises'

interface Pending {
  line: Buffer
  resolve: (offset: number) => void
  reject: (err: Error) => void
}

export class LogWriter {
  private queue: Pending[] = []
  private writing: Promise<void> | null = null
  private paused = false
  private exclusiveChain: Promise<void> = Promise.resolve()

  private constructor(
    private handle: FileHandle,
    private size: number,
    private readonly fsync: boolean,
  ) {}

  static async open(file: string, size: number, fsync: boolean): Promise<LogWriter> {
    const handle = await open(file, 'a')
    return new LogWriter(handle, size, fsync)
  }

  /** Bytes in the file, including queued lines once they are written. */
  get fileSize(): number {
    return this.size
  }

  /** Queues a line; resolves with its offset once the bytes are in the file. */
  append(line: Buffer): Promise<number> {
    return new Promise((resolve, reject) => {
      this.queue.push({ line, resolve, reject })
      this.kick()
    })
  }

  /** Waits until everything queued so far is written. */
  async flush(): Promise<void> {
    while (this.writing) await this.writing
  }

  /**
   * Runs `fn` with no write in flight and new appends held back, then continues on the
   * (possibly replaced) file: how compaction swaps the file under a live writer.
   */
  exclusive(fn: () => Promise<{ file: string; size: number } | null>): Promise<void> {
    const run = async () => {
      this.paused = true
      try {
        await this.flush()
        const swap = await fn()
        if (swap) {
          await this.handle.close()
          this.handle = await open(swap.file, 'a')
          this.size = swap.size
        }
      } finally {
        this.paused = false
        this.kick()
      }
    }
    const result = this.exclusiveChain.then(run)
    this.exclusiveChain = result.catch(() => undefined)
    return result
  }

  async close(): Promise<void> {
    await this.exclusiveChain
    await this.flush()
    await this.handle.close()
  }

  private kick(): void {
    if (this.writing || this.paused || this.queue.length === 0) return
    if (!this.fsync) {
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

  private writeQueuedSync(): void {
    if (this.paused || this.queue.length === 0) return
    const batch = this.queue
    this.queue = []
    const buf = batch.length === 1 ? batch[0].line : Buffer.concat(batch.map((p) => p.line))
    const base = this.size
    try {
      let done = 0
      while (done < buf.length) done += writeSync(this.handle.fd, buf, done, buf.length - done)
    } catch (err) {
      try {
        ftruncateSync(this.handle.fd, base)
      } catch {
        // The next open's scan skips a torn tail anyway.
      }
      this.size = fstatSync(this.handle.fd).size
      for (const p of batch) p.reject(err as Error)
      return
    }
    this.size = base + buf.length
    let offset = base
    for (const p of batch) {
      p.resolve(offset)
      offset += p.line.length
    }
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0 && !this.paused) {
      const batch = this.queue
      this.queue = []
      const buf = batch.length === 1 ? batch[0].line : Buffer.concat(batch.map((p) => p.line))
      const base = this.size
      try {
        await writeAll(this.handle, buf)
        if (this.fsync) await this.handle.datasync()
      } catch (err) {
        // Cut off a partial write so the next line does not glue onto half a record.
        await this.handle.truncate(base).catch(() => undefined)
        const stat = await this.handle.stat().catch(() => null)
        if (stat) this.size = stat.size
        for (const p of batch) p.reject(err as Error)
        continue
      }
      this.size = base + buf.length
      let offset = base
      for (const p of batch) {
        p.resolve(offset)
        offset += p.line.length
      }
    }
  }
}

async function writeAll(handle: FileHandle, buf: Buffer): Promise<void> {
  let done = 0
  while (done < buf.length) {
    const { bytesWritten } = await handle.write(buf, done, buf.length - done)
    done += bytesWritten
  }
}
