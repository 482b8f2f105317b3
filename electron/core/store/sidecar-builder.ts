/**
 * Builds a segment sidecar's text (layout in segment-sidecar.ts) record by record, as the
 * writer appends lines: each record's hint is serialised when it is tracked, so sealing a segment
 * only joins strings and numbers. Serialising a whole segment's records at once (hundreds to thousands of them)
 * held the event loop for milliseconds at every roll, in the middle of the senders' answers.
 */
import type { Classification, Finding, Idempotency } from '../../../shared/event'
import type { DerivedPatch } from './log-format'

export const SIDECAR_VERSION = 1

/** What start-up's duplicate index (and the Agent lens) need of a stored event. */
export interface ReplayHint {
  id: string
  receivedAt: string
  sha256: string
  idempotency: Idempotency
  classification?: Classification
  findings?: Finding[]
}

export interface SidecarEvent {
  id: string
  offset: number
  length: number
  metaLength: number
  headersAt: number
  headersLength: number
  hint: ReplayHint | null
}

export type SidecarRecord = SidecarEvent | { update: string; patch: DerivedPatch }

export class SidecarBuilder {
  /**
   * The ids as they are and the places as plain numbers, serialised only when the sidecar is
   * written: numbers are held unboxed (nothing for the collector), and an id is the string the
   * index holds anyway — no string per event for either. The hints are serialised as they come
   * (one flat string each), so sealing a segment joins strings instead of stringifying objects.
   */
  private readonly ids: string[] = []
  private readonly pos: number[] = []
  private readonly upd: string[] = []
  private readonly at: string[] = []
  private readonly shared: string[] = []
  private readonly seen = new Map<string, number>()
  /** False once an event without its hint was added: no sidecar can be written. */
  private complete = true

  add(r: SidecarRecord): void {
    if ('update' in r) this.upd.push(JSON.stringify([r.update, r.patch]))
    else if (!r.hint) this.complete = false
    else {
      this.addEvent(r.id, r.offset, r.length, r.metaLength, r.headersAt, r.headersLength, r.hint)
    }
  }

  /** An event's record, given as its parts (no record object, no copy of its hint fields). */
  addEvent(
    id: string,
    offset: number,
    length: number,
    metaLength: number,
    headersAt: number,
    headersLength: number,
    hint: ReplayHint,
  ): void {
    this.ids.push(id)
    this.pos.push(offset, length, metaLength, headersAt, headersLength)
    this.at.push(this.hintEntry(id, hint))
  }

  /** The sidecar of the segment at `size` bytes; null when some event had no hint. */
  text(size: number, seq?: number): string | null {
    return this.chunks(size, seq)?.join('') ?? null
  }

  /**
   * The sidecar's text in pieces of at most CHUNK_ITEMS records each, written one after another.
   * A segment's sidecar is hundreds of KiB: as one string (and then one buffer) it went to the
   * large-object space at every roll, fresh pages faulted in for each copy — about a
   * millisecond of the event loop per seal, where the pieces reuse ordinary young memory.
   */
  chunks(size: number, seq?: number): string[] | null {
    if (!this.complete) return null
    const ids = this.ids
    const places = pieces(ids.length, '{"ids":[', (a, b) =>
      JSON.stringify(ids.slice(a, b)).slice(1, -1),
    )
    places.push(
      ...pieces(this.pos.length / 5, '],"pos":[', (a, b) => this.pos.slice(a * 5, b * 5).join(',')),
    )
    places.push(
      ...pieces(this.upd.length, '],"upd":[', (a, b) => this.upd.slice(a, b).join(',')),
      ']}\n',
    )
    let placesBytes = 0
    for (const p of places) placesBytes += Buffer.byteLength(p)
    const head = { v: SIDECAR_VERSION, size, events: ids.length, places: placesBytes, seq }
    const out = [`${JSON.stringify(head)}\n`, ...places]
    out.push(
      ...pieces(this.shared.length, '{"shared":[', (a, b) => this.shared.slice(a, b).join(',')),
    )
    out.push(...pieces(this.at.length, '],"at":[', (a, b) => this.at.slice(a, b).join(',')), ']}\n')
    return out
  }

  /**
   * [receivedAt, sha256, key, firstId, idempotency rest, classification, findings]: a key or
   * firstId equal to the id is 0; the rest and the classification are indexes into `shared`.
   */
  private hintEntry(id: string, h: ReplayHint): string {
    const { key, firstId, ...rest } = h.idempotency
    return JSON.stringify([
      h.receivedAt,
      h.sha256,
      key === id ? 0 : key,
      firstId === id ? 0 : firstId,
      this.share(rest),
      h.classification ? this.share(h.classification) : -1,
      h.findings ?? 0,
    ])
  }

  /** Numbers equal values (by their JSON) so each is written once. */
  private share(value: unknown): number {
    const json = JSON.stringify(value)
    let at = this.seen.get(json)
    if (at === undefined) {
      at = this.shared.push(json) - 1
      this.seen.set(json, at)
    }
    return at
  }
}

/** Records per piece of a sidecar's text: well under the large-object size for every line. */
const CHUNK_ITEMS = 128

/** `opening` and then `n` records joined by commas, as pieces of CHUNK_ITEMS records each. */
function pieces(n: number, opening: string, join: (from: number, to: number) => string): string[] {
  const out = [opening]
  for (let a = 0; a < n; a += CHUNK_ITEMS) {
    const b = Math.min(n, a + CHUNK_ITEMS)
    out.push(a === 0 ? join(a, b) : `,${join(a, b)}`)
  }
  return out
}
