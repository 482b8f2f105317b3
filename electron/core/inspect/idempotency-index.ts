/**
 * Duplicate and conflict detection: one map entry per idempotency key, so each event costs O(1).
 * `first` = new key; `duplicate` = same key and same body bytes as the first; `conflict` = same
 * key, different body (a sender bug worth flagging). Rebuilt at start-up by observing the stored
 * events in order with their stored verdicts; observing an id again returns its earlier verdict.
 * Events dropped by retention are forgotten (memory stays bounded); a key whose first event was
 * dropped keeps pointing at it (`count` still counts it), so later duplicates stay duplicates.
 *
 * Compact on purpose: start-up feeds it every stored event (100k and more), so per event it
 * holds only its key (the id's own string when the key is the id) and, for the few events that
 * are not the plain first of their key, the verdict; a key with one event holds that id alone.
 */
import type { Idempotency } from '../../../shared/event'
import { field, nullableField, SAME, SnapshotReader, unfield, unnullable } from './snapshot-fields'

export type IdempotencyVerdict = Omit<Idempotency, 'key' | 'source' | 'retry'>

interface Entry {
  firstId: string
  /** The first event's digest; null when only a conflicting later event is known (restored). */
  firstSha256: string | null | undefined
  /**
   * Stored ids with this key, oldest first from `head`: the id alone while there is one (most
   * keys). Retention forgets from the front by moving `head` (no shift of a long array: one
   * key can hold every stored event, e.g. a sender that reuses its webhook id).
   */
  ids: string | string[]
  head: number
  /** Events seen with this key, dropped ones included. */
  seen: number
}

export class IdempotencyIndex {
  /**
   * Per key its entry; or, for a key loaded from a snapshot with one stored event that is the
   * plain first of its key (most keys), that event's id alone (no object until one is needed).
   */
  private readonly byKey = new Map<string, Entry | string>()
  /**
   * Every observed, still stored id → its key; with its verdict when that is not "first of its
   * key, count 1" (duplicates, conflicts, restored ones). One map: a busy key's duplicates
   * each cost one insert and one delete.
   */
  private readonly byId = new Map<string, Known>()

  /**
   * Records an event and returns its verdict. `stored` (start-up replay) is the verdict the log
   * holds: kept as it is, so a key whose first event retention dropped still points at it.
   */
  observe(
    e: { id: string; key: string; sha256: string },
    stored?: IdempotencyVerdict,
  ): IdempotencyVerdict {
    const known = this.byId.get(e.id)
    if (known !== undefined) return verdictOf(e.id, known)
    let entry = this.entry(e.key)
    if (!entry) {
      const firstId = stored?.firstId ?? e.id
      const firstSha256 = stored?.status === 'conflict' ? null : e.sha256
      entry = { firstId, firstSha256, ids: e.id, head: 0, seen: 0 }
      this.byKey.set(e.key, entry)
    } else if (typeof entry.ids === 'string') entry.ids = [entry.ids, e.id]
    else entry.ids.push(e.id)
    entry.seen = Math.max(entry.seen + 1, stored?.count ?? 0)
    let verdict: IdempotencyVerdict
    if (stored) {
      verdict = { status: stored.status, firstId: stored.firstId, count: stored.count }
    } else if (entry.seen === 1) {
      verdict = { status: 'first', firstId: e.id, count: 1 }
    } else {
      verdict = {
        status: e.sha256 === this.firstDigest(entry) ? 'duplicate' : 'conflict',
        firstId: entry.firstId,
        count: entry.seen,
      }
    }
    this.byId.set(e.id, isPlainFirst(e.id, verdict) ? e.key : { key: e.key, verdict })
    return { ...verdict }
  }

  /**
   * Start-up replay of a stored event with its stored verdict: what `observe(e, stored)` records,
   * without building the verdict it would return (start-up feeds every stored event here).
   */
  restore(e: { id: string; key: string; sha256: string }, stored: IdempotencyVerdict): void {
    if (this.byId.has(e.id)) return
    const entry = this.entry(e.key)
    if (!entry) {
      const firstSha256 = stored.status === 'conflict' ? null : e.sha256
      this.byKey.set(e.key, {
        firstId: stored.firstId,
        firstSha256,
        ids: e.id,
        head: 0,
        seen: Math.max(1, stored.count),
      })
    } else {
      if (typeof entry.ids === 'string') entry.ids = [entry.ids, e.id]
      else entry.ids.push(e.id)
      entry.seen = Math.max(entry.seen + 1, stored.count)
    }
    const { status, firstId, count } = stored
    const verdict = { status, firstId, count }
    this.byId.set(e.id, isPlainFirst(e.id, stored) ? e.key : { key: e.key, verdict })
  }

  /** Forgets events retention dropped; a key with no stored event left is forgotten too. */
  forget(ids: Iterable<string>): void {
    for (const id of ids) {
      const known = this.byId.get(id)
      if (known === undefined) continue
      this.byId.delete(id)
      const key = typeof known === 'string' ? known : known.key
      const entry = this.byKey.get(key)
      if (!entry) continue
      if (typeof entry === 'string') {
        if (entry === id) this.byKey.delete(key)
        continue
      }
      if (typeof entry.ids === 'string') {
        if (entry.ids === id) this.byKey.delete(key)
        continue
      }
      const ids = entry.ids
      // Retention drops oldest first, so the id is nearly always the key's oldest.
      if (ids[entry.head] === id) entry.head++
      else {
        const at = ids.indexOf(id, entry.head)
        if (at !== -1) ids.splice(at, 1)
      }
      if (entry.head >= ids.length) this.byKey.delete(key)
      else if (entry.head > 64 && entry.head * 2 > ids.length) {
        entry.ids = ids.slice(entry.head)
        entry.head = 0
      }
    }
  }

  /** Ids sharing a key, in arrival order (first, then duplicates and conflicts). */
  related(key: string): string[] {
    const entry = this.byKey.get(key)
    if (entry === undefined) return []
    if (typeof entry === 'string') return [entry]
    return typeof entry.ids === 'string' ? [entry.ids] : entry.ids.slice(entry.head)
  }

  /** How many events share the key so far, dropped ones included (0 when unseen). */
  count(key: string): number {
    const entry = this.byKey.get(key)
    return typeof entry === 'string' ? 1 : (entry?.seen ?? 0)
  }

  /** The id of a key's one event when it is the plain first of its key, else null. */
  private loneFirst(entry: Entry): string | null {
    const id = entry.ids
    if (typeof id !== 'string' || entry.seen !== 1 || entry.firstId !== id) return null
    return typeof this.byId.get(id) === 'string' ? id : null
  }

  /** The key's entry, made from the lone id a snapshot left (the plain first of its key). */
  private entry(key: string): Entry | undefined {
    const e = this.byKey.get(key)
    if (typeof e !== 'string') return e
    const entry: Entry = { firstId: e, firstSha256: undefined, ids: e, head: 0, seen: 1 }
    this.byKey.set(key, entry)
    return entry
  }

  get size(): number {
    return this.byId.size
  }

  /**
   * The state as snapshot lines (analysis-snapshot.ts), as a replay of the stored events would
   * rebuild it: only ids `kept` says are stored, and a key whose oldest kept event is a conflict
   * has no first digest (the replay cannot know it either), so verdicts match a replay's.
   */
  *exportLines(kept: (id: string) => boolean): IterableIterator<string> {
    yield '#idempotency'
    const verdicts: string[] = []
    for (const [key, entry] of this.byKey) {
      // One stored event, the plain first of its key: the key, and the id if it is not the key.
      const only = typeof entry === 'string' ? entry : this.loneFirst(entry)
      if (only !== null) {
        if (kept(only)) yield only === key ? field(key) : `${field(key)}\t${field(only)}`
        continue
      }
      if (typeof entry === 'string') continue
      const all = typeof entry.ids === 'string' ? [entry.ids] : entry.ids.slice(entry.head)
      const ids = all.filter(kept)
      if (ids.length === 0) continue
      const oldest = this.byId.get(ids[0])
      // A key with one event (most) leaves its digest out: read from the store if ever needed.
      const sha =
        ids.length === 1
          ? undefined
          : typeof oldest === 'object' && oldest.verdict.status === 'conflict'
            ? null
            : this.firstDigest(entry)
      // SAME: the first id is the key (an id used as key), the first event is the oldest kept.
      const first = ids[0] === key ? SAME : field(ids[0])
      const firstId = entry.firstId === ids[0] ? SAME : field(entry.firstId)
      const rest = ids.slice(1).map(field)
      const digest = sha === undefined ? LATER : nullableField(sha)
      yield [field(key), first, firstId, digest, entry.seen, ...rest].join('\t')
      for (const id of ids) {
        const known = this.byId.get(id)
        if (typeof known !== 'object') continue
        const v = known.verdict
        verdicts.push([field(id), v.status, field(v.firstId), v.count].join('\t'))
      }
    }
    yield '#verdicts'
    yield* verdicts
  }

  /** Replaces the state with a snapshot's (`exportLines`); throws on a damaged one. */
  importSnapshot(r: SnapshotReader, digestOf?: DigestOf): void {
    this.clear()
    this.digestOf = digestOf ?? null
    r.section('idempotency')
    while (r.record()) {
      const key = unfield(r.next())
      if (!r.more()) {
        this.byKey.set(key, key)
        this.byId.set(key, key)
        continue
      }
      const f = r.next()
      if (!r.more()) {
        const id = unfield(f)
        this.byKey.set(key, id)
        this.byId.set(id, key)
        continue
      }
      const first = f === SAME ? key : unfield(f)
      const g = r.next()
      const firstId = g === SAME ? first : unfield(g)
      const d = r.next()
      const firstSha256 = d === LATER ? undefined : unnullable(d)
      const seen = Number(r.next())
      if (!(seen >= 1)) throw new Error('snapshot: bad count')
      let ids: string | string[] = first
      this.byId.set(first, key)
      while (r.more()) {
        const id = unfield(r.next())
        if (typeof ids === 'string') ids = [ids, id]
        else ids.push(id)
        this.byId.set(id, key)
      }
      this.byKey.set(key, { firstId, firstSha256, ids, head: 0, seen })
    }
    r.section('verdicts')
    while (r.record()) {
      const id = unfield(r.next())
      const key = this.byId.get(id)
      const status = r.next() as IdempotencyVerdict['status']
      const verdict = { status, firstId: unfield(r.next()), count: Number(r.next()) }
      if (typeof key !== 'string' || !STATUSES.has(status) || !(verdict.count >= 1)) {
        throw new Error('snapshot: bad verdict')
      }
      this.byId.set(id, { key, verdict })
    }
  }

  clear(): void {
    this.byKey.clear()
    this.byId.clear()
  }

  /** Reads a stored event's digest and verdict status (the store), for digests left out. */
  private digestOf: DigestOf | null = null

  /**
   * The first digest new events are compared with; a snapshot leaves it out for a key with one
   * stored event, and it is then what a replay would take: that event's digest, none if it is a
   * conflict (its first was dropped). An event it cannot read counts as a conflict's.
   */
  private firstDigest(entry: Entry): string | null {
    if (entry.firstSha256 !== undefined) return entry.firstSha256
    const oldest = typeof entry.ids === 'string' ? entry.ids : entry.ids[entry.head]
    const d = this.digestOf?.(oldest)
    entry.firstSha256 = !d || d.status === 'conflict' ? null : d.sha256
    return entry.firstSha256
  }
}

/** A stored event's digest and verdict status; null when not stored. */
export type DigestOf = (id: string) => { sha256: string; status: string } | null

/** Marks a digest left out (unambiguous: an unquoted field never holds a backslash). */
const LATER = '\\?'

const STATUSES = new Set<string>(['first', 'duplicate', 'conflict'])

/** An id's key, with its verdict when that is not the plain first of its key. */
type Known = string | { key: string; verdict: IdempotencyVerdict }

function verdictOf(id: string, known: Known): IdempotencyVerdict {
  if (typeof known === 'string') return { status: 'first', firstId: id, count: 1 }
  return { ...known.verdict }
}

function isPlainFirst(id: string, v: IdempotencyVerdict): boolean {
  return v.status === 'first' && v.firstId === id && v.count === 1
}
