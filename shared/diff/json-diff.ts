/**
 * Structural JSON diff: jsondiffpatch computes the delta, this adapter flattens it into a list
 * of added / removed / changed / type-changed / moved paths with old and new values. Arrays of
 * objects are matched by an id-like key when their elements have one, else by position.
 */
import { create, type Delta, type DiffContext } from 'jsondiffpatch'
import { share } from './share'
import type { ChangeCounts, JsonChange, JsonDiff, JsonPathPart, JsonType } from './types'

/** Keys that identify an array element, in order of preference. */
export const ID_KEYS = [
  'id',
  '_id',
  'uuid',
  'guid',
  'messageId',
  'artifactId',
  'taskId',
  'event_id',
  'eventId',
  'execution_id',
  'executionId',
  'block_id',
  'action_id',
  'key',
]

/** Above this many cells jsondiffpatch's LCS matrix costs too much memory and time. */
const LCS_CELL_LIMIT = 1_000_000

export interface JsonDiffOptions {
  /** Stop listing changes after this many (counts still cover every change). */
  maxChanges?: number
}

export function idLabel(item: unknown): string | undefined {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return undefined
  const rec = item as Record<string, unknown>
  for (const k of ID_KEYS) {
    const v = rec[k]
    if (typeof v === 'string' || typeof v === 'number') return `${k}=${v}`
  }
  return undefined
}

function objectHash(item: object, index?: number): string {
  return idLabel(item) ?? `#position:${index ?? -1}`
}

function sameItem(a: unknown[], b: unknown[], i: number, j: number): boolean {
  const x = a[i]
  const y = b[j]
  if (x === y) return true
  if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false
  return objectHash(x, i) === objectHash(y, j)
}

export function jsonType(v: unknown): JsonType {
  if (v === null) return 'null'
  if (Array.isArray(v)) return 'array'
  const t = typeof v
  return t === 'object' || t === 'string' || t === 'number' || t === 'boolean' ? t : 'null'
}

/**
 * jsondiffpatch runs an O(n·m) LCS over the unmatched middle of an array. For huge reordered
 * arrays we compare position by position instead and say the result is approximate.
 */
function makeDiffer(flags: { approximate: boolean }) {
  const differ = create({ objectHash, arrays: { detectMove: true } })
  const guard = (context: DiffContext): void => {
    if (!context.leftIsArray || !Array.isArray(context.right)) return
    const a = context.left as unknown[]
    const b = context.right as unknown[]
    if (a.length * b.length <= LCS_CELL_LIMIT) return
    let head = 0
    while (head < a.length && head < b.length && sameItem(a, b, head, head)) head++
    let tail = 0
    while (
      head + tail < a.length &&
      head + tail < b.length &&
      sameItem(a, b, a.length - 1 - tail, b.length - 1 - tail)
    )
      tail++
    if ((a.length - head - tail) * (b.length - head - tail) <= LCS_CELL_LIMIT) return
    flags.approximate = true
    const Ctx = context.constructor as new (left: unknown, right: unknown) => DiffContext
    const result: Record<string, unknown> = { _t: 'a' }
    const common = Math.min(a.length, b.length)
    for (let i = 0; i < common; i++) context.push(new Ctx(a[i], b[i]), i)
    for (let i = common; i < b.length; i++) result[i] = [b[i]]
    for (let i = common; i < a.length; i++) result[`_${i}`] = [a[i], 0, 0]
    context.setResult(result as Delta).exit()
  }
  guard.filterName = 'largeArrayGuard'
  differ.processor.pipes.diff.before('arrays', guard)
  return differ
}

export function formatPath(parts: JsonPathPart[]): string {
  let out = ''
  for (const p of parts) {
    if (typeof p === 'number') out += `[${p}]`
    else if (/^[A-Za-z_$][\w$-]*$/.test(p)) out += out === '' ? p : `.${p}`
    else out += `[${JSON.stringify(p)}]`
  }
  return out
}

class Collector {
  changes: JsonChange[] = []
  counts: ChangeCounts = { added: 0, removed: 0, changed: 0, moved: 0 }
  truncated = false
  constructor(private readonly max: number) {}

  add(change: Omit<JsonChange, 'path'>): void {
    const k = change.kind
    if (k === 'added') this.counts.added++
    else if (k === 'removed') this.counts.removed++
    else if (k === 'moved') this.counts.moved++
    else this.counts.changed++
    if (this.changes.length >= this.max) {
      this.truncated = true
      return
    }
    const c: JsonChange = { ...change, path: formatPath(change.pathParts) }
    if (c.match === undefined) delete c.match
    this.changes.push(c)
  }
}

function walk(
  delta: Delta,
  parts: JsonPathPart[],
  right: unknown,
  match: string | undefined,
  out: Collector,
): void {
  if (delta === undefined) return
  if (Array.isArray(delta)) {
    if (delta.length === 1) out.add({ kind: 'added', pathParts: parts, match, newValue: delta[0] })
    else if (delta.length === 2) {
      const [oldValue, newValue] = delta
      const oldType = jsonType(oldValue)
      const newType = jsonType(newValue)
      if (oldType !== newType)
        out.add({
          kind: 'type-changed',
          pathParts: parts,
          match,
          oldValue,
          newValue,
          oldType,
          newType,
        })
      else out.add({ kind: 'changed', pathParts: parts, match, oldValue, newValue })
    } else if (delta[2] === 0)
      out.add({ kind: 'removed', pathParts: parts, match, oldValue: delta[0] })
    return
  }
  const rec = delta as Record<string, Delta>
  if ((rec as Record<string, unknown>)._t === 'a') {
    walkArray(rec, parts, Array.isArray(right) ? right : [], out)
    return
  }
  const r = right !== null && typeof right === 'object' ? (right as Record<string, unknown>) : {}
  for (const key of Object.keys(rec)) walk(rec[key], [...parts, key], r[key], match, out)
}

function walkArray(
  rec: Record<string, unknown>,
  parts: JsonPathPart[],
  right: unknown[],
  out: Collector,
): void {
  const removedOrMoved: number[] = []
  const atNew: number[] = []
  for (const key of Object.keys(rec)) {
    if (key === '_t') continue
    if (key.startsWith('_')) removedOrMoved.push(Number(key.slice(1)))
    else atNew.push(Number(key))
  }
  removedOrMoved.sort((x, y) => x - y)
  atNew.sort((x, y) => x - y)
  // jsondiffpatch reports a replaced primitive (or id-less element) as remove + add at the same
  // index; show it as one change of that element instead.
  const replaced = new Set<number>()
  for (const i of atNew) {
    const added = rec[String(i)] as unknown[]
    const removed = rec[`_${i}`] as unknown[] | undefined
    if (!Array.isArray(added) || added.length !== 1 || !removed || removed[2] !== 0) continue
    if (idLabel(added[0]) !== undefined || idLabel(removed[0]) !== undefined) continue
    replaced.add(i)
  }
  for (const i of removedOrMoved) {
    if (replaced.has(i)) continue
    const d = rec[`_${i}`] as unknown[]
    if (d[2] === 3) {
      const to = d[1] as number
      out.add({ kind: 'moved', pathParts: [...parts, to], match: idLabel(right[to]), from: i, to })
    } else
      out.add({ kind: 'removed', pathParts: [...parts, i], match: idLabel(d[0]), oldValue: d[0] })
  }
  for (const i of atNew) {
    const d = rec[String(i)] as Delta
    if (replaced.has(i)) {
      walk(
        [(rec[`_${i}`] as unknown[])[0], (d as unknown[])[0]],
        [...parts, i],
        right[i],
        undefined,
        out,
      )
      continue
    }
    const el = right[i]
    walk(d, [...parts, i], el, idLabel(el), out)
  }
}

/** Diffs two parsed JSON values. */
export function diffJson(a: unknown, b: unknown, options: JsonDiffOptions = {}): JsonDiff {
  const flags = { approximate: false }
  const delta = makeDiffer(flags).diff(a, share(a, b, idLabel))
  const out = new Collector(options.maxChanges ?? 10_000)
  walk(delta, [], b, undefined, out)
  return {
    kind: 'json',
    identical: delta === undefined,
    changes: out.changes,
    counts: out.counts,
    truncated: out.truncated,
    approximate: flags.approximate,
  }
}
