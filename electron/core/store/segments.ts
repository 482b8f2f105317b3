/**
 * The event log's segment files: where they live (`events/000000000001.jsonl`, …, plus the
 * previous version's single `events.jsonl`, adopted in place as segment 0), listing them in
 * order, and the read handles the store keeps per segment. A handle opened before the writer
 * unlinks its file keeps reading it (POSIX), so a reader never sees a segment vanish mid-read;
 * a segment unlinked before a reader got to it is simply not there (its events were evicted).
 */
import { access, close, open, openSync, read, readSync } from 'node:fs'
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'

/** The previous version's single-file log: read as the oldest segment, never appended to. */
export const LEGACY_LOG = 'events.jsonl'
export const SEGMENT_DIR = 'events'
const SEGMENT_NAME = /^(\d{12})\.jsonl$/

export interface Segment {
  seq: number
  file: string
}

export function segmentFile(dir: string, seq: number): string {
  return seq === 0
    ? join(dir, LEGACY_LOG)
    : join(dir, SEGMENT_DIR, `${String(seq).padStart(12, '0')}.jsonl`)
}

/** Every segment on disk, oldest first (the legacy file, if any, first). */
export async function listSegments(dir: string): Promise<Segment[]> {
  const out: Segment[] = []
  let names: string[] = []
  try {
    names = await readdir(join(dir, SEGMENT_DIR))
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
  }
  for (const name of names) {
    const m = SEGMENT_NAME.exec(name)
    if (m) out.push({ seq: Number(m[1]), file: join(dir, SEGMENT_DIR, name) })
  }
  out.sort((a, b) => a.seq - b.seq)
  if (await exists(join(dir, LEGACY_LOG))) out.unshift({ seq: 0, file: join(dir, LEGACY_LOG) })
  return out
}

function exists(file: string): Promise<boolean> {
  return new Promise((res) => access(file, (err) => res(!err)))
}

/** Opens a segment for reading; null when it is already gone (dropped by the writer). */
export async function openSegment(file: string): Promise<number | null> {
  try {
    return await openAsync(file, 'r')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw err
  }
}

interface Handle {
  fd: number
  inFlight: number
  closing: boolean
}

/** Read handles (fds) by segment number; a dropped segment's fd closes once its reads finish. */
export class SegmentHandles {
  private readonly handles = new Map<number, Handle>()

  add(seq: number, fd: number): void {
    this.handles.set(seq, { fd, inFlight: 0, closing: false })
  }

  /** Opens the writer's new segment at once, so its first line is readable when acked. */
  openSync(seq: number, file: string): void {
    this.add(seq, openSync(file, 'r'))
  }

  has(seq: number): boolean {
    return this.handles.has(seq)
  }

  /** The open file descriptor of a segment (to check a sidecar against). */
  fd(seq: number): number {
    return this.get(seq).fd
  }

  /** Small synchronous read (headers): these bytes are in the page cache. */
  readSync(seq: number, offset: number, length: number): Buffer {
    const h = this.get(seq)
    const buf = Buffer.allocUnsafe(length)
    let done = 0
    while (done < length) {
      const n = readSync(h.fd, buf, done, length - done, offset + done)
      if (n === 0) throw new Error('event log segment shorter than its index')
      done += n
    }
    return buf
  }

  async read(seq: number, offset: number, length: number): Promise<Buffer> {
    const h = this.get(seq)
    h.inFlight++
    try {
      const buf = Buffer.allocUnsafe(length)
      let done = 0
      while (done < length) {
        const n = await readAsync(h.fd, buf, done, length - done, offset + done)
        if (n === 0) throw new Error('event log segment shorter than its index')
        done += n
      }
      return buf
    } finally {
      h.inFlight--
      if (h.closing && h.inFlight === 0) closeQuietly(h.fd)
    }
  }

  /** Forgets a segment: its fd closes now or after the reads in flight. */
  drop(seq: number): void {
    const h = this.handles.get(seq)
    if (!h) return
    this.handles.delete(seq)
    h.closing = true
    if (h.inFlight === 0) closeQuietly(h.fd)
  }

  closeAll(): void {
    for (const seq of [...this.handles.keys()]) this.drop(seq)
  }

  private get(seq: number): Handle {
    const h = this.handles.get(seq)
    if (!h) throw new Error(`event log segment ${seq} is closed`)
    return h
  }
}

const openAsync = promisify(open)
const readAsync = (fd: number, buf: Buffer, off: number, len: number, pos: number) =>
  new Promise<number>((res, rej) => read(fd, buf, off, len, pos, (e, n) => (e ? rej(e) : res(n))))

function closeQuietly(fd: number): void {
  close(fd, () => undefined)
}
