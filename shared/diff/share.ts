/**
 * Structural sharing pre-pass for the JSON diff. Two separately parsed documents share no
 * references, so jsondiffpatch would build a context object for every node of both. This walk
 * (one cheap pass, no contexts) returns a copy of `b` in which every subtree deep-equal to its
 * counterpart in `a` IS that counterpart, so jsondiffpatch's `left === right` shortcut skips
 * it. Array elements are paired by id-like key when they have one, else by position. Neither
 * input is modified.
 */

type Labeler = (item: unknown) => string | undefined

function setKey(out: Record<string, unknown>, k: string, v: unknown): void {
  // A parsed "__proto__" key is an own property; plain assignment would set the prototype.
  if (k === '__proto__')
    Object.defineProperty(out, k, {
      value: v,
      enumerable: true,
      writable: true,
      configurable: true,
    })
  else out[k] = v
}

function shareArray(a: unknown[], b: unknown[], label: Labeler): unknown[] {
  let same = a.length === b.length
  const out = new Array<unknown>(b.length)
  let byLabel: Map<string, unknown> | null = null
  for (let i = 0; i < b.length; i++) {
    const x = b[i]
    let counterpart: unknown = i < a.length ? a[i] : undefined
    const lx = label(x)
    if (lx !== undefined && (counterpart === undefined || label(counterpart) !== lx)) {
      if (byLabel === null) {
        byLabel = new Map()
        for (const y of a) {
          const ly = label(y)
          if (ly !== undefined && !byLabel.has(ly)) byLabel.set(ly, y)
        }
      }
      counterpart = byLabel.get(lx)
    }
    const s = counterpart === undefined ? x : share(counterpart, x, label)
    out[i] = s
    if (s !== a[i]) same = false
  }
  return same ? a : out
}

function shareObject(
  a: Record<string, unknown>,
  b: Record<string, unknown>,
  label: Labeler,
): unknown {
  const keysB = Object.keys(b)
  let same = Object.keys(a).length === keysB.length
  const out: Record<string, unknown> = {}
  for (const k of keysB) {
    const has = Object.prototype.hasOwnProperty.call(a, k)
    const s = has ? share(a[k], b[k], label) : b[k]
    setKey(out, k, s)
    if (!has || s !== a[k]) same = false
  }
  return same ? a : out
}

export function share(a: unknown, b: unknown, label: Labeler): unknown {
  if (a === b) return a
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return b
  const arrA = Array.isArray(a)
  if (arrA !== Array.isArray(b)) return b
  return arrA
    ? shareArray(a as unknown[], b as unknown[], label)
    : shareObject(a as Record<string, unknown>, b as Record<string, unknown>, label)
}
