/**
 * Header lookup over a captured request's `[name, value][]` pairs (arrival order, original
 * case, duplicates kept): the one case-insensitive helper the core, the CLI and the renderer
 * share, so no module grows its own copy with a subtly different rule.
 * Pure (no Node APIs) so the renderer may use it too.
 */

/** Structurally shared/event.ts's HeaderPair (not imported: event.ts re-exports from here). */
type Pair = readonly [name: string, value: string]

/** The first value of a header, matched case-insensitively; undefined when absent. */
export function headerValue(headers: readonly Pair[], name: string): string | undefined {
  const lower = name.toLowerCase()
  // Header names are ASCII tokens (Node refuses others), so lower-casing keeps their length:
  // comparing lengths first spares lower-casing nearly every name (detection asks ~30 times).
  for (const [k, v] of headers) if (k.length === lower.length && k.toLowerCase() === lower) return v
  return undefined
}

export function hasHeader(headers: readonly Pair[], name: string): boolean {
  return headerValue(headers, name) !== undefined
}

/** The first of several names present, with the name as given (for sentences) and its value. */
export function firstHeader(
  headers: readonly Pair[],
  names: readonly string[],
): [string, string] | null {
  for (const n of names) {
    const v = headerValue(headers, n)
    if (v !== undefined) return [n, v]
  }
  return null
}

/** Sets a header keeping its position (and original name case) when present, else appends. */
export function setHeader(
  headers: readonly Pair[],
  name: string,
  value: string,
): [name: string, value: string][] {
  const lower = name.toLowerCase()
  const out: [name: string, value: string][] = []
  let done = false
  for (const [k, v] of headers) {
    if (k.toLowerCase() !== lower) out.push([k, v])
    else if (!done) {
      out.push([k, value])
      done = true
    }
  }
  if (!done) out.push([name, value])
  return out
}
