/**
 * JSON as other languages' serialisers write it, so `hooklens send` bodies carry the same bytes a
 * real sender's would: Python's `json.dumps` defaults (", " and ": " separators, non-ASCII
 * escaped) and Go's `json.Marshal` (compact, <, > and & escaped).
 */

/** `json.dumps(value)` with Python's defaults (ensure_ascii=True, separators (', ', ': ')). */
export function pythonJsonDumps(value: unknown): string {
  if (value === null || value === undefined) return 'null'
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  if (typeof value === 'number') return pythonNumber(value)
  if (typeof value === 'string') return asciiEscape(JSON.stringify(value))
  if (Array.isArray(value)) return `[${value.map(pythonJsonDumps).join(', ')}]`
  const entries = Object.entries(value as Record<string, unknown>)
  return `{${entries.map(([k, v]) => `${asciiEscape(JSON.stringify(k))}: ${pythonJsonDumps(v)}`).join(', ')}}`
}

function pythonNumber(n: number): string {
  if (Number.isNaN(n)) return 'NaN'
  if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : '-Infinity'
  return String(n)
}

/** Python escapes every non-ASCII code unit as \uXXXX (surrogate pairs stay pairs). */
function asciiEscape(json: string): string {
  return json.replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )
}

/** `json.Marshal(value)` for maps/structs already in field order. */
export function goJsonMarshal(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
}
