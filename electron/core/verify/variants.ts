/**
 * The alterations the diagnosis tries: ways a body is commonly changed after signing (newlines,
 * line endings, BOM, JSON re-serialisation) and the URLs a signature may have been computed over.
 */
import { JSON_STYLES, parseJson, styleWriter } from './json-text'

export interface BodyVariant {
  variant: string
  /** Completes "the signature matches the body …". */
  describe: string
  body: Buffer
}

/** Re-serialising JSON costs far more than hashing; past this size only byte-level edits are tried. */
export const JSON_VARIANTS_MAX_BYTES = 256 * 1024
/** Past this size no body variant is tried at all (each one is a copy of the body). */
export const BODY_VARIANTS_MAX_BYTES = 2 * 1024 * 1024

/** Lazily, cheapest first, so the diagnosis stops at the first match. */
export function* bodyVariants(body: Buffer): Generator<BodyVariant> {
  if (body.length > BODY_VARIANTS_MAX_BYTES) return
  const seen: Buffer[] = [body]
  const make = (variant: string, describe: string, b: Buffer | string): BodyVariant | null => {
    const buf = typeof b === 'string' ? Buffer.from(b, 'utf8') : b
    if (seen.some((o) => o.equals(buf))) return null
    seen.push(buf)
    return { variant, describe, body: buf }
  }
  const text = body.toString('utf8')
  const edits: (() => BodyVariant | null)[] = []
  if (text.endsWith('\r\n'))
    edits.push(() =>
      make('trailing-newline-removed', 'with the trailing CRLF removed', body.subarray(0, -2)),
    )
  if (text.endsWith('\n'))
    edits.push(() =>
      make('trailing-newline-removed', 'with the trailing newline removed', body.subarray(0, -1)),
    )
  else {
    edits.push(() =>
      make(
        'trailing-newline-added',
        'with a trailing newline added',
        Buffer.concat([body, Buffer.from('\n')]),
      ),
    )
    edits.push(() =>
      make(
        'trailing-newline-added',
        'with a trailing CRLF added',
        Buffer.concat([body, Buffer.from('\r\n')]),
      ),
    )
  }
  if (text.includes('\r\n'))
    edits.push(() =>
      make('crlf-to-lf', 'with CRLF line endings turned into LF', text.replace(/\r\n/g, '\n')),
    )
  if (/(^|[^\r])\n/.test(text))
    edits.push(() =>
      make('lf-to-crlf', 'with LF line endings turned into CRLF', text.replace(/\r?\n/g, '\r\n')),
    )
  if (text.startsWith('\uFEFF'))
    edits.push(() => make('bom-removed', 'without its UTF-8 byte-order mark', body.subarray(3)))
  for (const edit of edits) {
    const v = edit()
    if (v) yield v
  }
  if (body.length > JSON_VARIANTS_MAX_BYTES) return
  const first = text.trimStart()[0]
  if (first !== '{' && first !== '[' && first !== '\uFEFF') return
  const node = parseJson(text.replace(/^\uFEFF/, ''))
  if (!node || (node.t !== 'o' && node.t !== 'a')) return
  const write = styleWriter(node)
  for (const style of JSON_STYLES) {
    const v = make(style.variant, style.describe, write(style.options) + (style.suffix ?? ''))
    if (v) yield v
  }
}

export interface UrlVariant {
  url: string
  /** Completes "computed over URL (…)". */
  describe: string
  variant: string[]
}

interface Base {
  url: string
  label: string
  variant: string
}

function swapScheme(url: string): string | null {
  if (/^https:/i.test(url)) return 'http:' + url.slice(6)
  if (/^http:/i.test(url)) return 'https:' + url.slice(5)
  return null
}

function dropQuery(url: string): string | null {
  const q = url.indexOf('?')
  return q < 0 ? null : url.slice(0, q)
}

function toggleSlash(url: string): string | null {
  const q = url.indexOf('?')
  const path = q < 0 ? url : url.slice(0, q)
  const rest = q < 0 ? '' : url.slice(q)
  if (/^[a-z]+:\/\/[^/]+$/i.test(path)) return path + '/' + rest
  return (path.endsWith('/') ? path.slice(0, -1) : path + '/') + rest
}

const MODS: [string, string, (u: string) => string | null][] = [
  ['scheme', 'other scheme (http/https)', swapScheme],
  ['no-query', 'without the query string', dropQuery],
  ['slash', 'trailing slash toggled', toggleSlash],
]

/** URLs to try other than `primary`: the public and local URLs with scheme/query/slash changes. */
export function urlVariants(
  primary: string,
  local: string,
  publicUrl?: string | null,
): UrlVariant[] {
  const bases: Base[] = []
  if (publicUrl) bases.push({ url: publicUrl, label: 'the public tunnel URL', variant: 'public' })
  bases.push({ url: local, label: 'the local receiver URL', variant: 'local' })
  if (!bases.some((b) => b.url === primary))
    bases.unshift({ url: primary, label: 'the expected URL', variant: 'expected' })
  const out: UrlVariant[] = []
  const seen = new Set([primary])
  for (const base of bases) {
    for (let mask = 0; mask < 1 << MODS.length; mask++) {
      let url: string | null = base.url
      const applied: string[] = []
      const words: string[] = []
      MODS.forEach(([name, word, fn], i) => {
        if (url !== null && mask & (1 << i)) {
          url = fn(url)
          applied.push(name)
          words.push(word)
        }
      })
      if (url === null || seen.has(url)) continue
      seen.add(url)
      const describe = words.length ? `${base.label}, ${words.join(', ')}` : base.label
      out.push({ url, describe, variant: [base.variant, ...applied] })
    }
  }
  return out
}
