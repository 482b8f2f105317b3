/**
 * Opening the event log (EventStore's loading side): fills the index from every segment — from
 * its sidecar when valid, else by reading it line by line — reports unreadable lines, and makes
 * the newest segment ready for the writer to continue. It holds nothing itself: the store passes
 * in what gets filled (index, handles, sidecar keeper) and keeps what `loadLog` returns.
 */
import { fstatSync } from 'node:fs'
import { open } from 'node:fs/promises'
import type { EventIndex } from './event-index'
import { parseMeta } from './log-format'
import { scanLog } from './log-reader'
import {
  hintOf,
  readSidecar,
  readSidecarHints,
  removeSidecar,
  sidecarEvent,
  type ReplayHint,
  type SidecarRecord,
} from './segment-sidecar'
import type { SidecarKeeper } from './sidecar-keeper'
import { listSegments, openSegment, type Segment, type SegmentHandles } from './segments'
import type { HintReader } from './startup-hints'

export interface LoadOptions {
  dir: string
  /** Open for reading only: no repair of a torn tail, no sidecar work, no hints kept. */
  readOnly: boolean
  /** Read-only: load only the newest N segments. */
  newestSegments?: number
  index: EventIndex
  handles: SegmentHandles
  sidecars: SidecarKeeper
  /** Each unreadable or torn line, as it is found (the store's `loadProblems`). */
  problems: string[]
  warn: (message: string) => void
}

/** The newest segment loaded: where its last good line ends, its size and its line count. */
export interface LoadedSegment {
  seg: Segment
  goodEnd: number
  size: number
  lines: number
}

export interface LoadedLog {
  last: LoadedSegment | null
  /** Segments loaded from a sidecar whose hints `startupMetas` reads from it: their ids. */
  hintsOnDisk: Map<number, string[]>
  /** The newest segment had an unreadable line: no index of it at close. */
  headScanOnly: boolean
}

export async function loadLog(o: LoadOptions): Promise<LoadedLog> {
  const all = await listSegments(o.dir)
  const n = o.readOnly ? o.newestSegments : undefined
  const segments = n !== undefined && n < all.length ? all.slice(-n) : all
  const writing = !o.readOnly
  const loaded: LoadedLog = { last: null, hintsOnDisk: new Map(), headScanOnly: false }
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i]
    const fd = await openSegment(seg.file)
    if (fd === null) continue // dropped by the writer since we listed it: its events are gone
    o.handles.add(seg.seq, fd)
    o.index.touchSegment(seg.seq)
    // Every segment but the newest is sealed (and the legacy file, which the writer never
    // continues): its sidecar, if valid, replaces reading it.
    const sealed = i < segments.length - 1 || (writing && seg.seq === 0)
    // The newest segment has the index a clean close left, if that index is still its own.
    const size = fstatSync(fd).size
    const lines = loadSidecar(o, loaded, seg.seq, fd, size, !sealed)
    if (lines !== null) {
      loaded.last = { seg, goodEnd: size, size, lines }
      continue
    }
    loaded.last = await scanSegment(o, loaded, seg, fd, sealed)
  }
  return loaded
}

/**
 * Makes the newest segment ready for the writer: cuts off a torn tail and removes the sidecars
 * that would go stale. Returns where the writer starts: the segment, its size and line count.
 */
export async function readyHead(
  dir: string,
  last: LoadedSegment | null,
): Promise<{ seq: number; size: number; lines: number; continued: boolean }> {
  if (last && last.goodEnd < last.size) {
    const h = await open(last.seg.file, 'r+')
    await h.truncate(last.goodEnd).finally(() => h.close())
  }
  // The legacy file is adopted as it is (never appended to): new events start segment 1.
  if (last !== null && last.seg.seq > 0) {
    // The continued segment grows: a sidecar of it (left by a crash mid-roll) is stale, and so
    // is the newest segment's index from the last close.
    removeSidecar(dir, last.seg.seq)
    removeSidecar(dir, 0, true)
    return { seq: last.seg.seq, size: last.goodEnd, lines: last.lines, continued: true }
  }
  removeSidecar(dir, 0, true)
  return { seq: (last?.seg.seq ?? 0) + 1, size: 0, lines: 0, continued: false }
}

/** Reads the hints of a segment loaded from its sidecar (`startupMetas`), while it is open. */
export function sidecarHintReader(dir: string, handles: SegmentHandles): HintReader {
  return (seq, events) => {
    if (!handles.has(seq)) return null
    const size = fstatSync(handles.fd(seq)).size
    return readSidecarHints(dir, seq, size, events)
  }
}

/**
 * Adds a segment's events from its sidecar (`head`: the newest segment's index from the last
 * clean close); the number of lines it covers, or null (nothing added) when unusable.
 */
function loadSidecar(
  o: LoadOptions,
  loaded: LoadedLog,
  seq: number,
  fd: number,
  size: number,
  head: boolean,
): number | null {
  // The writer continues the newest segment: it needs its records (hints included) at once to
  // write the sidecar when it seals it. Other hints are read later, a segment at a time, by
  // `startupMetas` (not all held at once).
  const continued = head && !o.readOnly
  const sc = readSidecar(o.dir, seq, fd, size, continued, head)
  if (!sc) return null
  if (!o.readOnly && !head) loaded.hintsOnDisk.set(seq, sc.ids)
  const { ids, pos } = sc
  const records: SidecarRecord[] | null = continued ? [] : null
  for (let i = 0; i < ids.length; i++) {
    const hint = continued ? sc.hint!(i) : null
    if (records) records.push(sidecarEvent(sc, i, hint))
    o.index.add({
      id: ids[i],
      meta: null,
      metaLength: pos[i * 5 + 2],
      patch: null,
      seq,
      offset: pos[i * 5],
      length: pos[i * 5 + 1],
      headers: { at: pos[i * 5 + 3], length: pos[i * 5 + 4] },
      hint,
    })
  }
  for (const [id, patch] of sc.updates) {
    o.index.patch(id, patch)
    records?.push({ update: id, patch })
  }
  if (records) o.sidecars.begin(seq, records)
  return ids.length + sc.updates.length
}

/**
 * Reads a segment line by line. The writer also keeps what a sidecar needs: it writes one for
 * a sealed segment that had none (once), and keeps the records of the segment it continues.
 */
async function scanSegment(
  o: LoadOptions,
  loaded: LoadedLog,
  seg: Segment,
  fd: number,
  sealed: boolean,
): Promise<LoadedSegment> {
  const records: SidecarRecord[] | null = o.readOnly ? null : []
  let foreign = false
  let lines = 0
  const scan = await scanLog(fd, ({ offset, length, record, line }) => {
    lines++
    if (record.op === 'update') {
      o.index.patch(record.id, record.patch)
      records?.push({ update: record.id, patch: record.patch })
      return
    }
    const h = record.headers
    let hint: ReplayHint | null = null
    if (records) {
      hint = hintOf(record.meta ?? parseMeta(line.subarray(0, record.metaLength)))
      if (Array.isArray(h))
        foreign = true // headers not in place: no sidecar for this one
      else {
        records.push({
          id: record.id,
          offset,
          length,
          metaLength: record.metaLength,
          headersAt: h.at,
          headersLength: h.length,
          hint,
        })
      }
    }
    o.index.add({
      id: record.id,
      meta: record.meta,
      metaLength: record.metaLength,
      patch: null,
      seq: seg.seq,
      offset,
      length,
      headers: h,
      hint,
    })
  })
  for (const p of scan.problems) {
    const what = p.torn
      ? `skipped a torn last record at byte ${p.offset} (${p.length} bytes) of ${seg.file}: a write was cut off`
      : `skipped an unreadable record at byte ${p.offset} of ${seg.file} (${p.error})`
    o.problems.push(what)
    o.warn(`event log: ${what}`)
  }
  // A segment with a problem keeps being scanned, so the problem keeps being reported (a torn
  // tail is cut off before the writer continues: nothing left to report).
  if (!sealed && scan.problems.some((p) => !p.torn)) loaded.headScanOnly = true
  if (records && !foreign) {
    if (!sealed) o.sidecars.begin(seg.seq, records)
    else if (scan.problems.length === 0) o.sidecars.write(seg.seq, scan.size, records)
  }
  return { seg, goodEnd: scan.goodEnd, size: scan.size, lines }
}
