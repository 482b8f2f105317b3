/**
 * What start-up's duplicate index needs of every stored event, oldest first (EventStore's
 * `startupMetas`): the hint the entry was loaded with (the writer's scan, the newest segment's
 * index), else its segment sidecar's hints, else the event's metadata read from its line.
 */
import type { IndexEntry } from './event-index'
import type { ReplayHint } from './segment-sidecar'

/** A segment sidecar's hints: event `i`'s, given its id; null when unusable. */
export type HintReader = (
  seq: number,
  events: number,
) => ((i: number, id: string) => ReplayHint) | null

export function* startupHints(
  entries: Iterable<IndexEntry>,
  /** Segments loaded from a sidecar whose hints are read from it: their ids, in line order. */
  onDisk: Map<number, string[]>,
  readHints: HintReader,
  metaOf: (e: IndexEntry) => ReplayHint,
  /** Lets go of the hint an entry was loaded with, once used. */
  dropHint: (e: IndexEntry) => void,
): IterableIterator<ReplayHint> {
  // A sidecar's hints are in its segment's line order, as its events were indexed: a cursor
  // finds each kept event's hint (evicted ones are skipped over), no map by id is built.
  let seq = -1
  let hint: ((i: number, id: string) => ReplayHint) | null = null
  let ids: string[] = []
  let at = 0
  for (const e of entries) {
    let h = e.hint ?? null
    if (!h && onDisk.has(e.seq)) {
      if (e.seq !== seq) {
        seq = e.seq
        ids = onDisk.get(seq)!
        hint = readHints(seq, ids.length)
        at = 0
      }
      while (at < ids.length && ids[at] !== e.id) at++
      if (hint && at < ids.length) h = hint(at, e.id)
    }
    if (!h) {
      yield metaOf(e)
      continue
    }
    if (e.hint) dropHint(e) // used once: not held for the store's lifetime
    yield e.patch ? { ...h, ...e.patch } : h
  }
}
