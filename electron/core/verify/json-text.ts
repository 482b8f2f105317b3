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

/** Parses JSON text; null when it is not JSON. */
export function parseJson(text: string): JNode | null {
  let i = 0
  const ws = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++
  }
  const fail = (): never => {
    throw new SyntaxError('bad json')
  }
  const str = (): string => {
    const start = i
    i++
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1
    if (i >= text.length) fail()
    i++
    return JSON.parse(text.slice(start, i)) as string
  }
  const value = (): JNode => {
    ws()
    const c = text[i]
    if (c === '{') {
      i++
      const entries: [string, JNode][] = []
      ws()
      if (text[i] === '}') return (i++, { t: 'o', entries })
      for (;;) {
        ws()
        if (text[i] !== '"') fail()
        const k = str()
        ws()
        if (text[i++] !== ':') fail()
        entries.push([k, value()])
        ws()
        if (text[i] === ',') i++
        else if (text[i++] === '}') return { t: 'o', entries }
        else fail()
      }
    }
    if (c === '[') {
      i++
      const items: JNode[] = []
      ws()
      if (text[i] === ']') return (i++, { t: 'a', items })
      for (;;) {
        items.push(value())
        ws()
        if (text[i] === ',') i++
        else if (text[i++] === ']') return { t: 'a', items }
        else fail()
      }
    }
    if (c === '"') return { t: 's', v: str() }
    const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(
      text.slice(i, i + 400),
    )
    if (!m) fail()
    i += m![0].length
    return { t: 'raw', v: m![0] }
  }
  try {
    const v = value()
    ws()
    return i === text.length ? v : null
  } catch {
    return null
  }
}

function escapeString(s: string, o: WriteOptions): string {
  let out = '"'
  for (let k = 0; k < s.length; k++) {
    const ch = s[k]
    const code = s.charCodeAt(k)
    if (ch === '"') out += '\\"'
    else if (ch === '\\') out += '\\\\'
    else if (ch === '\n') out += '\\n'
    else if (ch === '\r') out += '\\r'
    else if (ch === '\t') out += '\\t'
    else if (ch === '\b') out += '\\b'
    else if (ch === '\f') out += '\\f'
    else if (code < 0x20 || (o.ascii && code > 0x7e) || (o.html && '<>&\u2028\u2029'.includes(ch)))
      out += '\\u' + code.toString(16).padStart(4, '0')
    else out += ch
  }
  return out + '"'
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
