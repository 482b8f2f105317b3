/**
 * Per-segment index sidecars: when a segment is sealed (rolled), a small file beside the log
 * (`segment-index/000000000001.idx`) records where each of its event lines is and the few
 * metadata fields start-up needs to rebuild the duplicate index, so a later open need not read
 * the segment itself. A sidecar is only a cache: it is checked against its segment (format
 * version, the segment's size, the ids of its first and last lines) and ignored — the segment is
 * scanned instead — when it is missing, stale or corrupt. The log's line format does not change.
 *
 * File layout (three lines, so a reader parses only what it needs):
 *   1. header  {"v":1,"size":<segment bytes>,"events":<n>,"places":<bytes of line 2>}
 *   2. places  {"ids":[…],"pos":[offset,length,metaLength,headersAt,headersLength,…],"upd":[[id,patch],…]}
 *   3. hints   {"shared":[…],"at":[[receivedAt,sha256,key,firstId,idempotencyRest,classification,findings],…]}
 *      one per event; a key or firstId equal to the event's id is 0, and the idempotency fields
 *      besides those and the classification — the same for most events — are indexes into
 *      `shared` (smaller to read, and one object for all the events that share it).
 */
import { closeSync, fstatSync, openSync, readSync, unlinkSync } from 'node:fs'
import { mkdir, open, rename, unlink } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { Classification, Finding, Idempotency } from '../../../shared/event'
import type { DerivedPatch, EventMeta } from './log-format'
import { SIDECAR_VERSION, type ReplayHint, type SidecarEvent } from './sidecar-builder'

export const SIDECAR_DIR = 'segment-index'
/**
 * The newest segment's index, written when the writer closes cleanly (same layout, plus the
 * segment's number in the header): the next open reads it instead of scanning that segment, and
 * the writer removes it before appending again (so it is never stale when used).
 */
export const HEAD_SIDECAR = 'segment-head.idx'
const VERSION = SIDECAR_VERSION

export type { ReplayHint, SidecarEvent, SidecarRecord } from './sidecar-builder'

export function sidecarFile(dir: string, seq: number): string {
  return join(dir, SIDECAR_DIR, `${String(seq).padStart(12, '0')}.idx`)
}

export function hintOf(meta: EventMeta): ReplayHint {
  const { id, receivedAt, sha256, idempotency, classification, findings } = meta
  return { id, receivedAt, sha256, idempotency, classification, findings }
}

/**
 * Writes a sidecar through the thread pool (temp file + rename: all of it or nothing), given as
 * its text or as pieces of it: one gathered write of the pieces' bytes (no string or buffer of
 * the whole; `writeFile` of the pieces made one thread-pool round trip per piece).
 */
export async function writeSidecarFile(
  dir: string,
  seq: number,
  text: string | string[],
  file = sidecarFile(dir, seq),
): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 })
  const tmp = `${file}.${process.pid}.tmp`
  const bufs = typeof text === 'string' ? [Buffer.from(text)] : text.map((t) => Buffer.from(t))
  let total = 0
  for (const b of bufs) total += b.length
  const h = await open(tmp, 'w', 0o600)
  try {
    const { bytesWritten } = await h.writev(bufs)
    // libuv writes every buffer unless the disk fails; finish a short write all the same.
    if (bytesWritten < total) await h.writeFile(Buffer.concat(bufs).subarray(bytesWritten))
  } finally {
    await h.close()
  }
  await rename(tmp, file)
}

export interface LoadedSidecar {
  /** Event ids in line order, and per event five numbers (see `event`). */
  ids: string[]
  pos: number[]
  updates: [string, DerivedPatch][]
  /** Event `i`'s hint (only when asked for). */
  hint: ((i: number) => ReplayHint) | null
}

/** Event `i` of a loaded sidecar. */
export function sidecarEvent(
  sc: LoadedSidecar,
  i: number,
  hint = sc.hint?.(i) ?? null,
): SidecarEvent {
  const p = sc.pos
  return {
    id: sc.ids[i],
    offset: p[i * 5],
    length: p[i * 5 + 1],
    metaLength: p[i * 5 + 2],
    headersAt: p[i * 5 + 3],
    headersLength: p[i * 5 + 4],
    hint,
  }
}

/**
 * Reads segment `seq`'s sidecar and checks it against the open segment (`fd`, `size` bytes);
 * null when there is none or it does not describe this segment. Hints are parsed only if asked.
 * `headFile`: read the newest segment's index (HEAD_SIDECAR) instead, if it is this segment's.
 */
export function readSidecar(
  dir: string,
  seq: number,
  fd: number,
  size: number,
  withHints: boolean,
  headFile = false,
): LoadedSidecar | null {
  const path = headFile ? join(dir, HEAD_SIDECAR) : sidecarFile(dir, seq)
  // Only the lines needed are read: a reader skips the hints, most of the bytes.
  return withSidecar(path, (sfd, head, l1) => {
    if ((headFile || head.seq !== undefined) && head.seq !== seq) return null
    if (head.v !== VERSION || head.size !== size || typeof head.places !== 'number') return null
    const want = withHints ? fstatSync(sfd).size - (l1 + 1) : head.places
    const bytes = Buffer.allocUnsafe(want)
    if (readSync(sfd, bytes, 0, want, l1 + 1) !== want) return null
    const l2 = bytes.indexOf(10)
    const l3 = withHints ? bytes.indexOf(10, l2 + 1) : -1
    if (l2 !== head.places - 1 || (withHints && l3 !== want - 1)) return null
    const text = (from: number, to: number) => bytes.toString('utf8', from, to)
    const places = JSON.parse(text(0, l2)) as {
      ids: string[]
      pos: number[]
      upd: [string, DerivedPatch][]
    }
    const n = places.ids.length
    if (n !== head.events || places.pos.length !== n * 5 || !Array.isArray(places.upd)) return null
    const hints = withHints
      ? (JSON.parse(text(l2 + 1, l3)) as { shared: object[]; at: unknown[][] })
      : null
    if (hints && hints.at.length !== n) return null
    if (hints && !Array.isArray(hints.shared)) return null
    const sc: LoadedSidecar = {
      ids: places.ids,
      pos: places.pos,
      updates: places.upd,
      hint: hints ? (i) => hintFrom(places.ids[i], hints.at[i], hints.shared) : null,
    }
    // Entries are made straight from these arrays (no object per event here); the first and
    // last lines are checked against the segment.
    if (n > 0) {
      const first = sidecarEvent(sc, 0)
      const last = sidecarEvent(sc, n - 1)
      if (!lineHasId(fd, first, size) || !lineHasId(fd, last, size)) return null
      if (typeof first.offset !== 'number' || typeof last.headersLength !== 'number') return null
    }
    return sc
  })
}

/**
 * Only the hints of segment `seq`'s sidecar (its third line: the places were read at open), for
 * start-up's duplicate index: event `i`'s hint, given its id (each read once, in order); null
 * when the sidecar is gone or does not match the segment's size or its event count.
 */
export function readSidecarHints(
  dir: string,
  seq: number,
  size: number,
  events: number,
): ((i: number, id: string) => ReplayHint) | null {
  return withSidecar(sidecarFile(dir, seq), (sfd, head, l1) => {
    if (head.v !== VERSION || head.size !== size || head.events !== events) return null
    if (typeof head.places !== 'number') return null
    const from = l1 + 1 + head.places
    const want = fstatSync(sfd).size - from
    const bytes = Buffer.allocUnsafe(want)
    if (want < 1 || readSync(sfd, bytes, 0, want, from) !== want || bytes[want - 1] !== 10)
      return null
    const hints = JSON.parse(bytes.toString('utf8', 0, want - 1)) as {
      shared: object[]
      at: unknown[][]
    }
    if (!Array.isArray(hints.at) || hints.at.length !== events || !Array.isArray(hints.shared))
      return null
    // Each hint is read once, in order: its entry is let go at once, so the segment's parsed
    // hints do not all survive (and get promoted by) the garbage collections in between.
    const at = hints.at as (unknown[] | null)[]
    return (i, id) => {
      const h = at[i]
      at[i] = null
      return hintFrom(id, h!, hints.shared)
    }
  })
}

/** A sidecar's first line (version, the segment's size and events, the places line's length). */
interface SidecarHead {
  v?: unknown
  size?: unknown
  events?: unknown
  places?: unknown
  seq?: unknown
}

/**
 * Opens a sidecar and hands `read` its descriptor, its parsed first line and where that line
 * ends. Null when the file is missing, has no first line or is corrupt (`read` throwing): the
 * caller then reads the segment itself.
 */
function withSidecar<T>(
  path: string,
  read: (sfd: number, head: SidecarHead, l1: number) => T | null,
): T | null {
  let sfd: number
  try {
    sfd = openSync(path, 'r')
  } catch {
    return null
  }
  try {
    const first = Buffer.allocUnsafe(512)
    const l1 = first.subarray(0, readSync(sfd, first, 0, 512, 0)).indexOf(10)
    if (l1 < 0) return null
    return read(sfd, JSON.parse(first.toString('utf8', 0, l1)) as SidecarHead, l1)
  } catch {
    return null
  } finally {
    closeSync(sfd)
  }
}

function hintFrom(id: string, h: unknown[], shared: object[]): ReplayHint {
  const rest = shared[h[4] as number] as Omit<Idempotency, 'key' | 'firstId'>
  const idempotency: Idempotency = {
    key: h[2] === 0 ? id : (h[2] as string),
    source: rest.source,
    status: rest.status,
    firstId: h[3] === 0 ? id : (h[3] as string),
    count: rest.count,
  }
  if (rest.retry !== undefined) idempotency.retry = rest.retry
  const hint: ReplayHint = { id, receivedAt: h[0] as string, sha256: h[1] as string, idempotency }
  if ((h[5] as number) >= 0) hint.classification = shared[h[5] as number] as Classification
  if (h[6]) hint.findings = h[6] as Finding[]
  return hint
}

/** Whether the line the sidecar places at `e.offset` is that event's (ends the line, has the id). */
function lineHasId(fd: number, e: SidecarEvent, size: number): boolean {
  if (e.offset + e.length + 1 > size || e.metaLength > e.length) return false
  const buf = Buffer.allocUnsafe(e.metaLength)
  if (readSync(fd, buf, 0, e.metaLength, e.offset) !== e.metaLength) return false
  const nl = Buffer.allocUnsafe(1)
  if (readSync(fd, nl, 0, 1, e.offset + e.length) !== 1 || nl[0] !== 10) return false
  return buf[0] === 0x7b && buf.includes(`"id":${JSON.stringify(e.id)}`)
}

/** Removes a segment's sidecar, off the loop (before the segment itself: no orphan sidecar). */
export async function removeSidecarFile(dir: string, seq: number): Promise<void> {
  await unlink(sidecarFile(dir, seq)).catch(() => undefined)
}

/**
 * Removes a segment's sidecar now (at open, before the writer continues that segment), or the
 * newest segment's index (`headFile`).
 */
export function removeSidecar(dir: string, seq: number, headFile = false): void {
  try {
    unlinkSync(headFile ? join(dir, HEAD_SIDECAR) : sidecarFile(dir, seq))
  } catch {
    // None written, or already gone.
  }
}
