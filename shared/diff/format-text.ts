/**
 * Renders an EventDiff as terminal text: `+` added, `-` removed, `~` changed, `>` moved.
 * ANSI colours only when asked (the CLI asks when stdout is a TTY), so piped output stays plain.
 */
import type { EventDiff, EventSide } from './event-diff'
import type { BodyDiff, HeaderDiff, JsonChange } from './types'

export interface FormatOptions {
  color?: boolean
  /** Longest rendering of a single value before it is cut with '…'. */
  maxValueLength?: number
}

const CODES = { red: 31, green: 32, yellow: 33, cyan: 36, dim: 2, bold: 1 } as const
type Style = keyof typeof CODES

export function formatEventDiff(d: EventDiff, options: FormatOptions = {}): string {
  const paint = (style: Style, s: string): string =>
    options.color ? `\u001b[${CODES[style]}m${s}\u001b[0m` : s
  const max = options.maxValueLength ?? 120
  const lines: string[] = []
  lines.push(paint('red', `--- a ${describe(d.a)}`))
  lines.push(paint('green', `+++ b ${describe(d.b)}`))
  if (d.request.length > 0) {
    lines.push(paint('bold', 'request:'))
    for (const c of d.request)
      lines.push(paint('yellow', `  ~ ${c.field}: ${c.oldValue} → ${c.newValue}`))
  }
  lines.push(...formatHeaders(d.headers, paint))
  lines.push(...formatBody(d.body, d.sameBody, paint, max))
  return lines.join('\n') + '\n'
}

function describe(s: EventSide): string {
  const what = [s.platform, s.eventType, s.subject].filter((x) => x !== null && x !== '').join(' ')
  return `${s.id} ${s.receivedAt} ${s.method} ${s.path}${s.query ? `?${s.query}` : ''} (${what}, ${s.size} bytes)`
}

type Paint = (style: Style, s: string) => string

function formatHeaders(h: HeaderDiff, paint: Paint): string[] {
  if (h.identical) return [paint('dim', 'headers: identical')]
  if (h.changes.length === 0) return [paint('dim', 'headers: same values, different order')]
  const out = [paint('bold', `headers: ${h.changes.length} difference(s)`)]
  for (const c of h.changes) {
    if (c.kind === 'added') out.push(paint('green', `  + ${c.name}: ${c.newValue}`))
    else if (c.kind === 'removed') out.push(paint('red', `  - ${c.name}: ${c.oldValue}`))
    else out.push(paint('yellow', `  ~ ${c.name}: ${c.oldValue} → ${c.newValue}`))
  }
  return out
}

export function renderValue(v: unknown, max: number): string {
  let s: string
  try {
    s = JSON.stringify(v) ?? String(v)
  } catch {
    s = String(v)
  }
  return s.length > max ? `${s.slice(0, max - 1)}…` : s
}

function formatJsonChange(c: JsonChange, paint: Paint, max: number): string {
  const at = `${c.path || '(root)'}${c.match ? ` (${c.match})` : ''}`
  const v = (x: unknown): string => renderValue(x, max)
  switch (c.kind) {
    case 'added':
      return paint('green', `  + ${at}: ${v(c.newValue)}`)
    case 'removed':
      return paint('red', `  - ${at}: ${v(c.oldValue)}`)
    case 'moved':
      return paint('cyan', `  > ${at}: moved from [${c.from}] to [${c.to}]`)
    case 'type-changed':
      return paint(
        'yellow',
        `  ~ ${at}: ${v(c.oldValue)} (${c.oldType}) → ${v(c.newValue)} (${c.newType})`,
      )
    default:
      return paint('yellow', `  ~ ${at}: ${v(c.oldValue)} → ${v(c.newValue)}`)
  }
}

function formatBody(b: BodyDiff, sameBody: boolean, paint: Paint, max: number): string[] {
  if (sameBody) return [paint('dim', 'body: identical bytes')]
  if (b.identical) {
    const what = b.kind === 'json' ? 'same JSON value' : 'same content'
    return [paint('dim', `body: ${what}, different bytes (whitespace, key order or escaping)`)]
  }
  if (b.kind === 'binary') {
    return [
      paint('bold', 'body (binary):') +
        ` ${b.sizeA} → ${b.sizeB} bytes, first difference at byte ${b.firstDifferenceAt}, ` +
        `${b.differingBytes} byte(s) differ`,
    ]
  }
  if (b.kind === 'json') {
    const c = b.counts
    const out = [
      paint('bold', 'body (json):') +
        ` ${c.changed} changed, ${c.added} added, ${c.removed} removed, ${c.moved} moved` +
        (b.approximate ? ' (large arrays compared by position)' : ''),
    ]
    for (const ch of b.changes) out.push(formatJsonChange(ch, paint, max))
    if (b.truncated) out.push(paint('dim', '  … more changes not shown'))
    return out
  }
  const why =
    b.reason === 'too-deep'
      ? (b.note ?? 'JSON too deeply nested')
      : b.reason === 'invalid-json'
        ? `invalid JSON in ${b.invalid?.join(' and ')}`
        : b.reason === 'mixed'
          ? 'one side is not JSON'
          : 'not JSON'
  const out = [paint('bold', `body (text, ${why}):`) + ` +${b.linesAdded} -${b.linesRemoved} lines`]
  if (b.tooLarge) out.push(paint('dim', '  too different to diff line by line'))
  for (const h of b.hunks) {
    out.push(paint('cyan', `  @@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`))
    for (const line of h.lines) {
      const style: Style | null = line.startsWith('+')
        ? 'green'
        : line.startsWith('-')
          ? 'red'
          : null
      out.push(style ? paint(style, `  ${line}`) : `  ${line}`)
    }
  }
  return out
}
