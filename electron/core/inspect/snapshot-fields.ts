/**
 * The line format of the analysis snapshot (hooklens/analysis-snapshot.ts): one record a line,
 * fields separated by tabs. A field is written as it is unless it could be mistaken for the
 * format (a tab, a newline, a backslash, a quote, a leading `#`, a surrogate, or empty): then as a JSON string. Ids,
 * hashes and most keys are plain, so loading is a split, not a JSON parse per record.
 */

// A leading `#` would read as a section line, and a UTF-16 surrogate (a lone one from a JSON
// body's key) would not survive the file's UTF-8: JSON.stringify escapes lone ones exactly.
const NEEDS_QUOTING = /[\t\n\r\\"\ud800-\udfff]|^$|^#/

export function field(s: string): string {
  return NEEDS_QUOTING.test(s) ? JSON.stringify(s) : s
}

/** A field back; a quoted one is parsed (throws on a damaged one: the snapshot is unusable). */
export function unfield(s: string): string {
  return s.charCodeAt(0) === 34 ? (JSON.parse(s) as string) : s
}

/** `null` as an unquoted `\N`: unambiguous, since a string with a backslash is always quoted. */
export function nullableField(s: string | null): string {
  return s === null ? '\\N' : field(s)
}

export function unnullable(s: string): string | null {
  return s === '\\N' ? null : unfield(s)
}

/** Marks a field equal to an earlier one of its record (named where used): unambiguous too. */
export const SAME = '\\='

/**
 * Reads a snapshot's records in place, field by field (no array or line string per record: a
 * snapshot holds one record per stored event). `section(name)` finds a `#name` line; `record()`
 * moves to the next record of it, false at the section's end.
 */
export class SnapshotReader {
  private pos = 0
  private end = 0
  private tab = -1

  constructor(private readonly text: string) {}

  section(name: string): void {
    const at = this.text.indexOf(`\n#${name}\n`)
    if (at === -1) throw new Error(`snapshot: no ${name} section`)
    this.pos = at + name.length + 3
    this.tab = -1
    this.end = this.pos - 1
  }

  record(): boolean {
    if (this.pos <= this.end) this.pos = this.end + 1 // fields left unread are skipped
    if (this.pos >= this.text.length || this.text.charCodeAt(this.pos) === 35) return false
    const nl = this.text.indexOf('\n', this.pos)
    this.end = nl === -1 ? this.text.length : nl
    return true
  }

  /** Whether the record has another field. */
  more(): boolean {
    return this.pos < this.end // a field is never empty (an empty string is written quoted)
  }

  /** The next field, raw (decode with `unfield`); throws past the record's end. */
  next(): string {
    if (this.pos > this.end) throw new Error('snapshot: short record')
    // The next tab may lie many lines ahead (records of one field have none): found once and
    // kept while it is ahead, so the reader stays linear in the snapshot's size.
    if (this.tab < this.pos) {
      const at = this.text.indexOf('\t', this.pos)
      this.tab = at === -1 ? this.text.length : at
    }
    const stop = this.tab > this.end ? this.end : this.tab
    const out = this.text.slice(this.pos, stop)
    this.pos = stop + 1
    return out
  }
}
