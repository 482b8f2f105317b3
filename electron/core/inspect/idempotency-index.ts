/**
 * Duplicate and conflict detection: one map entry per idempotency key, so each event costs O(1).
 * `first` = new key; `duplicate` = same key and same body bytes as the first; `conflict` = same
 * key, different body (a sender bug worth flagging). Rebuilt at start-up by observing the stored
 * events in order; observing an id again returns its earlier verdict.
 */
import type { Idempotency } from '../../../shared/event'

export type IdempotencyVerdict = Omit<Idempotency, 'key' | 'source' | 'retry'>

interface Entry {
  firstId: string
  firstSha256: string
  ids: string[]
}

export class IdempotencyIndex {
  private readonly byKey = new Map<string, Entry>()
  private readonly byId = new Map<string, IdempotencyVerdict>()

  observe(e: { id: string; key: string; sha256: string }): IdempotencyVerdict {
    const seen = this.byId.get(e.id)
    if (seen) return { ...seen }
    let verdict: IdempotencyVerdict
    const entry = this.byKey.get(e.key)
    if (!entry) {
      this.byKey.set(e.key, { firstId: e.id, firstSha256: e.sha256, ids: [e.id] })
      verdict = { status: 'first', firstId: e.id, count: 1 }
    } else {
      entry.ids.push(e.id)
      verdict = {
        status: e.sha256 === entry.firstSha256 ? 'duplicate' : 'conflict',
        firstId: entry.firstId,
        count: entry.ids.length,
      }
    }
    this.byId.set(e.id, verdict)
    return { ...verdict }
  }

  /** Ids sharing a key, in arrival order (first, then duplicates and conflicts). */
  related(key: string): string[] {
    return [...(this.byKey.get(key)?.ids ?? [])]
  }

  /** How many events share the key so far (0 when unseen). */
  count(key: string): number {
    return this.byKey.get(key)?.ids.length ?? 0
  }

  get size(): number {
    return this.byId.size
  }

  clear(): void {
    this.byKey.clear()
    this.byId.clear()
  }
}
