/**
 * A JSON reader and writer for the diagnosis and for a2a-jwt's body hash: it keeps number
 * literals exactly as written (no precision loss on 64-bit ids) and can write the same value
 * the way other serialisers do (compact, pretty, sorted keys, Python separators, \u escapes).
 * Analysis only — never used to produce the bytes that are stored or verified.
 */

export type JNode =
  | { t: 'o'; entries: [string, JNode][] }
  | { t: 'a'; items: JNode[] }
  | { t: 's'; v: string }
  | { t: 'raw'; v: string }

export interface WriteOptions {
  indent?: number
  itemSep?: string
  keySep?: string
  sortKeys?: boolean
  /** Escape every non-ASCII character as \uXXXX (Python's ensure_ascii). */
  ascii?: boolean
  /** Escape <, > and & as Go's json.Marshal does. */
  html?: boolean
}

// JSON strings may not hold raw control characters: the class excludes them on purpose.
const TOKEN =
  // eslint-disable-next-line no-control-regex
  /[ \t\n\r]*(?:("(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*")|(-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)|([{}[\],:]))/y

/**
 * Parses JSON text; null when it is not JSON. One sticky regex per token keeps the work in the
 * regex engine — per-character loops in JS are what make megabyte bodies slow.
 */
export function parseJson(text: string): JNode | null {
  TOKEN.lastIndex = 0
  let tok: RegExpExecArray | null = null
  const next = (): RegExpExecArray => {
    tok = TOKEN.exec(text)
    if (!tok) throw new SyntaxError('bad json')
    return tok
  }
  const str = (raw: string): string =>
    raw.includes('\\') ? (JSON.parse(raw) as string) : raw.slice(1, -1)
  const value = (t: RegExpExecArray): JNode => {
    if (t[1] !== undefined) return { t: 's', v: str(t[1]) }
    if (t[2] !== undefined) return { t: 'raw', v: t[2] }
    if (t[3] === '[') {
      const items: JNode[] = []
      let n = next()
      if (n[3] === ']') return { t: 'a', items }
      for (;;) {
        items.push(value(n))
        const sep = next()[3]
        if (sep === ']') return { t: 'a', items }
        if (sep !== ',') throw new SyntaxError('bad json')
        n = next()
      }
    }
    if (t[3] === '{') {
      const entries: [string, JNode][] = []
      let n = next()
      if (n[3] === '}') return { t: 'o', entries }
      for (;;) {
        if (n[1] === undefined) throw new SyntaxError('bad json')
        const key = str(n[1])
        if (next()[3] !== ':') throw new SyntaxError('bad json')
        entries.push([key, value(next())])
        const sep = next()[3]
        if (sep === '}') return { t: 'o', entries }
        if (sep !== ',') throw new SyntaxError('bad json')
        n = next()
      }
    }
    throw new SyntaxError('bad json')
  }
  try {
    const v = value(next())
    return /^[ \t\n\r]*$/.test(text.slice(TOKEN.lastIndex)) ? v : null
  } catch {
    return null
  }
}

const NON_ASCII = /[\u007f-\uffff]/g
const HTML = /[<>&\u2028\u2029]/g
const u4 = (ch: string): string => '\\u' + ch.charCodeAt(0).toString(16).padStart(4, '0')

/** JSON.stringify's escaping (native), then Python's ensure_ascii or Go's HTML escaping. */
function escapeString(s: string, o: WriteOptions): string {
  let out = JSON.stringify(s)
  if (o.ascii) out = out.replace(NON_ASCII, u4)
  if (o.html) out = out.replace(HTML, u4)
  return out
}

export function writeJson(node: JNode, o: WriteOptions = {}, depth = 0): string {
  const itemSep = o.itemSep ?? ','
  const keySep = o.keySep ?? (o.indent ? ': ' : ':')
  const nl = o.indent ? '\n' + ' '.repeat(o.indent * (depth + 1)) : ''
  const close = o.indent ? '\n' + ' '.repeat(o.indent * depth) : ''
  if (node.t === 's') return escapeString(node.v, o)
  if (node.t === 'raw') return node.v
  if (node.t === 'a') {
    if (node.items.length === 0) return '[]'
    return '[' + node.items.map((n) => nl + writeJson(n, o, depth + 1)).join(itemSep) + close + ']'
  }
  if (node.entries.length === 0) return '{}'
  const entries = o.sortKeys
    ? [...node.entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    : node.entries
  return (
    '{' +
    entries
      .map(([k, v]) => nl + escapeString(k, o) + keySep + writeJson(v, o, depth + 1))
      .join(itemSep) +
    close +
    '}'
  )
}

/** Common ways a JSON body gets re-serialised, with the words the diagnosis uses for each. */
export const JSON_STYLES: {
  variant: string
  describe: string
  options: WriteOptions
  suffix?: string
}[] = [
  { variant: 'json-compact', describe: 're-serialised as compact JSON', options: {} },
  {
    variant: 'json-pretty-2',
    describe: 're-serialised as pretty JSON (2-space indent)',
    options: { indent: 2 },
  },
  {
    variant: 'json-pretty-2-newline',
    describe: 're-serialised as pretty JSON (2-space indent) with a final newline',
    options: { indent: 2 },
    suffix: '\n',
  },
  {
    variant: 'json-pretty-4',
    describe: 're-serialised as pretty JSON (4-space indent)',
    options: { indent: 4 },
  },
  {
    variant: 'json-sorted',
    describe: 're-serialised as compact JSON with sorted keys',
    options: { sortKeys: true },
  },
  {
    variant: 'json-sorted-pretty',
    describe: 're-serialised as pretty JSON with sorted keys',
    options: { sortKeys: true, indent: 2 },
  },
  {
    variant: 'json-python',
    describe: "re-serialised with Python json.dumps separators (', ' and ': ')",
    options: { itemSep: ', ', keySep: ': ' },
  },
  {
    variant: 'json-python-ascii',
    describe:
      're-serialised by Python json.dumps defaults (spaced separators, non-ASCII \\u-escaped)',
    options: { itemSep: ', ', keySep: ': ', ascii: true },
  },
  {
    variant: 'json-python-sorted',
    describe: 're-serialised by Python json.dumps with sort_keys=True',
    options: { itemSep: ', ', keySep: ': ', sortKeys: true },
  },
  {
    variant: 'json-unicode-escaped',
    describe: 're-serialised as compact JSON with non-ASCII characters \\u-escaped',
    options: { ascii: true },
  },
  {
    variant: 'json-html-escaped',
    describe: "re-serialised as compact JSON with <, > and & escaped (Go's json.Marshal)",
    options: { html: true },
  },
]

const INTEGER_KEY = /^(?:0|[1-9]\d*)$/

/**
 * A writer for many styles of one document. When JS objects can hold the document faithfully
 * (no duplicate or integer-like keys, which JS would reorder) it converts once and lets the
 * native JSON.stringify do the work — much faster on large bodies — else it uses writeJson.
 */
export function styleWriter(node: JNode): (o: WriteOptions) => string {
  const nonce = `\u0000${Math.random().toString(36).slice(2)}:`
  const raws: string[] = []
  let faithful = true
  const toValue = (n: JNode, sorted: boolean): unknown => {
    if (n.t === 's') return n.v
    if (n.t === 'raw') {
      if (n.v === 'true' || n.v === 'false' || n.v === 'null') return JSON.parse(n.v)
      const num = Number(n.v)
      if (String(num) === n.v) return num
      raws.push(n.v)
      return nonce + (raws.length - 1)
    }
    if (n.t === 'a') return n.items.map((i) => toValue(i, sorted))
    const out: Record<string, unknown> = {}
    const entries = sorted
      ? [...n.entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      : n.entries
    for (const [k, v] of entries) {
      if (INTEGER_KEY.test(k) || Object.prototype.hasOwnProperty.call(out, k)) faithful = false
      out[k] = toValue(v, sorted)
    }
    return out
  }
  const plain = toValue(node, false)
  const sorted = faithful ? toValue(node, true) : null
  if (!faithful) return (o) => writeJson(node, o)
  const placeholder = new RegExp(
    `"${JSON.stringify(nonce).slice(1, -1).replace(/\\/g, '\\\\')}(\\d+)"`,
    'g',
  )
  return (o) => {
    const value = o.sortKeys ? sorted : plain
    let out: string
    if (o.itemSep === ', ' && o.keySep === ': ' && !o.indent) {
      // Python's default separators: indent 1 puts every separator on a new line, then fold.
      out = JSON.stringify(value, null, 1)
        .replace(/,\n +/g, ', ')
        .replace(/([[{])\n +/g, '$1')
        .replace(/\n *([\]}])/g, '$1')
    } else if (!o.itemSep && !o.keySep) {
      out = JSON.stringify(value, null, o.indent || undefined)
    } else {
      return writeJson(node, o)
    }
    if (o.ascii) out = out.replace(NON_ASCII, u4)
    if (o.html) out = out.replace(HTML, u4)
    return raws.length ? out.replace(placeholder, (_m, i: string) => raws[Number(i)]) : out
  }
}
