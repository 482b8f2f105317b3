/**
 * Duplicate and conflict detection: one map entry per idempotency key, so each event costs O(1).
 * `first` = new key; `duplicate` = same key and same body bytes as the first; `conflict` = same
 * key, different body (a sender bug worth flagging). Rebuilt at start-up by observing the stored
 * events in order with their stored verdicts; observing an id again returns its earlier verdict.
 * Events dropped by retention are forgotten (memory stays bounded); a key whose first event was
 * dropped keeps pointing at it (`count` still counts it), so later duplicates stay duplicates.
 */
import type { Idempotency } from '../../../shared/event'

export type IdempotencyVerdict = Omit<Idempotency, 'key' | 'source' | 'retry'>

interface Entry {
  firstId: string
  /** The first event's digest; null when only a conflicting later event is known (restored). */
  firstSha256: string | null
  /** Stored ids with this key, oldest first. */
  ids: string[]
  /** Events seen with this key, dropped ones included. */
  seen: number
}

export class IdempotencyIndex {
  private readonly byKey = new Map<string, Entry>()
  private readonly byId = new Map<string, { key: string; verdict: IdempotencyVerdict }>()

  /**
   * Records an event and returns its verdict. `stored` (start-up replay) is the verdict the log
   * holds: kept as it is, so a key whose first event retention dropped still points at it.
   */
  observe(
    e: { id: string; key: string; sha256: string },
    stored?: IdempotencyVerdict,
  ): IdempotencyVerdict {
    const known = this.byId.get(e.id)
    if (known) return { ...known.verdict }
    let verdict: IdempotencyVerdict
    let entry = this.byKey.get(e.key)
    if (!entry) {
      const firstId = stored?.firstId ?? e.id
      const firstSha256 = stored?.status === 'conflict' ? null : e.sha256
      entry = { firstId, firstSha256, ids: [], seen: 0 }
      this.byKey.set(e.key, entry)
    }
    entry.ids.push(e.id)
    entry.seen = Math.max(entry.seen + 1, stored?.count ?? 0)
    if (stored) {
      verdict = { status: stored.status, firstId: stored.firstId, count: stored.count }
    } else if (entry.seen === 1) {
      verdict = { status: 'first', firstId: e.id, count: 1 }
    } else {
      verdict = {
        status: e.sha256 === entry.firstSha256 ? 'duplicate' : 'conflict',
        firstId: entry.firstId,
        count: entry.seen,
      }
    }
    this.byId.set(e.id, { key: e.key, verdict })
    return { ...verdict }
  }

  /** Forgets events retention dropped; a key with no stored event left is forgotten too. */
  forget(ids: Iterable<string>): void {
    for (const id of ids) {
      const known = this.byId.get(id)
      if (!known) continue
      this.byId.delete(id)
      const entry = this.byKey.get(known.key)
      if (!entry) continue
      // Retention drops oldest first, so the id is nearly always the key's oldest.
      if (entry.ids[0] === id) entry.ids.shift()
      else {
        const at = entry.ids.indexOf(id)
        if (at !== -1) entry.ids.splice(at, 1)
      }
      if (entry.ids.length === 0) this.byKey.delete(known.key)
    }
  }

  /** Ids sharing a key, in arrival order (first, then duplicates and conflicts). */
  related(key: string): string[] {
    return [...(this.byKey.get(key)?.ids ?? [])]
  }

  /** How many events share the key so far, dropped ones included (0 when unseen). */
  count(key: string): number {
    return this.byKey.get(key)?.seen ?? 0
  }

  get size(): number {
    return this.byId.size
  }

  clear(): void {
    this.byKey.clear()
    this.byId.clear()
  }
}
