/**
 * Evicts a Map's oldest entry (the first in insertion order) for bounded Maps that forget their
 * least recently used keys first. `map.keys().next()` starts at the front of V8's hash table
 * every time and steps over each entry deleted since the table was last compacted, so a Map
 * evicting on every insert (every request with a new key, once full) steps over thousands of
 * holes per insert. One iterator kept across calls starts where the last eviction was instead:
 * entries are only ever added at the end, so every entry before it is deleted and the next one
 * it yields is the oldest live entry.
 */
export class OldestFirst<K> {
  private cursor: Iterator<K> | null = null

  constructor(private readonly map: Map<K, unknown>) {}

  /** Deletes the oldest entry; its key, or undefined when the Map is empty. */
  evict(): K | undefined {
    // An iterator that reached the end stays done: start a new one, once.
    for (let attempt = 0; attempt < 2; attempt++) {
      this.cursor ??= this.map.keys()
      const next = this.cursor.next()
      if (!next.done) {
        this.map.delete(next.value)
        return next.value
      }
      this.cursor = null
    }
    return undefined
  }
}
