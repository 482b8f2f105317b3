/**
 * Makes sender-controlled text safe to print on a terminal. Event types, paths, header values,
 * reasons and bodies come from strangers; a raw ESC, CR or bidi override in them could set the
 * terminal title, erase lines or fake a "✓ valid" line. Every human-readable CLI output passes
 * through one of these; JSON output is escaped by JSON.stringify except C1 controls and bidi
 * marks, which `terminalJson` adds.
 */

// C0 controls, DEL, C1 controls (U+0080–U+009F: a terminal may read U+009B as CSI), and the
// bidi embeddings/overrides/isolates that reorder what the eye reads.
// eslint-disable-next-line no-control-regex
const UNSAFE_IN_LINE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g
// In a block (a body), newlines and tabs are the text's own layout; a CR not followed by LF
// would move the cursor back over what was printed.
const UNSAFE_IN_BLOCK =
  // eslint-disable-next-line no-control-regex
  /\r(?!\n)|[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g
const UNSAFE_IN_JSON = /[\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g

function escapeChar(c: string): string {
  const code = c.charCodeAt(0)
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`
}

/** One line: every control character (newlines too) becomes a visible `\xNN` escape. */
export function safeLine(text: string): string {
  return text.replace(UNSAFE_IN_LINE, escapeChar)
}

/** Several lines (a body): keeps LF, CRLF and tabs; escapes every other control character. */
export function safeBlock(text: string): string {
  return text.replace(UNSAFE_IN_BLOCK, escapeChar)
}

/** JSON text with C1 controls and bidi marks written as `\u00XX` escapes (same value parsed). */
export function terminalJson(json: string): string {
  // Nearly every line is plain ASCII without DEL: its UTF-8 length equals its length, which
  // Node counts natively several times faster than the regex below scans (one line per event).
  if (Buffer.byteLength(json) === json.length && !json.includes('\u007f')) return json
  return json.replace(UNSAFE_IN_JSON, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

// eslint-disable-next-line no-control-regex
const SGR = /\u001b\[[0-9;]*m/g

/**
 * A block our own formatter coloured: its SGR colour codes stay, every other control character
 * is escaped. A sender's own colour code would survive too, but it can only change a colour —
 * not move the cursor, erase a line or set the title.
 */
export function safeColoredBlock(text: string): string {
  let out = ''
  let last = 0
  for (const m of text.matchAll(SGR)) {
    out += safeBlock(text.slice(last, m.index)) + m[0]
    last = m.index + m[0].length
  }
  return out + safeBlock(text.slice(last))
}
