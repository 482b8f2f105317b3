/**
 * The replay editor works on headers as text ("Name: value" per line); these turn that text
 * back into the API's edit lists, so only what the user changed is sent as a change.
 */
import type { HeaderPair } from '../../../shared/event'
import type { ReplayEdit } from '../store/replay-slice'

/** Headers that undici sets itself; editing them would only confuse the result. */
const HOP = new Set(['host', 'content-length', 'connection', 'transfer-encoding', 'keep-alive'])

export function headerLines(headers: HeaderPair[]): string {
  return headers
    .filter(([n]) => !HOP.has(n.toLowerCase()))
    .map(([n, v]) => `${n}: ${v}`)
    .join('\n')
}

function parseLines(text: string): HeaderPair[] {
  const out: HeaderPair[] = []
  for (const line of text.split('\n')) {
    const i = line.indexOf(':')
    if (i > 0) out.push([line.slice(0, i).trim(), line.slice(i + 1).trim()])
  }
  return out
}

/** Turns the edited header text into the API's set/remove lists (only what changed). */
export function headerEdits(original: HeaderPair[], text: string): ReplayEdit {
  const before = original.filter(([n]) => !HOP.has(n.toLowerCase()))
  const after = parseLines(text)
  const key = (p: HeaderPair) => `${p[0].toLowerCase()}\n${p[1]}`
  const had = new Set(before.map(key))
  const names = new Set(after.map(([n]) => n.toLowerCase()))
  const setHeaders = after.filter((p) => !had.has(key(p)))
  const removeHeaders = [
    ...new Set(before.map(([n]) => n.toLowerCase()).filter((n) => !names.has(n))),
  ]
  return {
    ...(setHeaders.length ? { setHeaders } : {}),
    ...(removeHeaders.length ? { removeHeaders } : {}),
  }
}
