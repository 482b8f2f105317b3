/**
 * Path globs, shared by the receiver's response rules, verifiers, event queries and forwarding
 * rules: `*` matches within one path segment, `**` across segments (a whole `/**` segment also
 * matches no segment: `/stripe/**` covers `/stripe`), anything else is literal. And the one
 * meaning of a path filter (`pathFilterMatches`) for verifiers, forward rules and event queries.
 * Pure (no Node APIs) so the renderer may use it too.
 */

export interface GlobOptions {
  /** Treat `?` as one character within a segment (event queries); otherwise `?` is literal. */
  questionMark?: boolean
}

const MAX_CACHED = 256
const caches = { plain: new Map<string, RegExp>(), questionMark: new Map<string, RegExp>() }

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** The anchored RegExp for a glob (cached; no `g` flag, so it is safe to share). */
export function globToRegExp(glob: string, options: GlobOptions = {}): RegExp {
  const cache = options.questionMark ? caches.questionMark : caches.plain
  const cached = cache.get(glob)
  if (cached) return cached
  const wildcards: Record<string, string> = { '**': '.*', '*': '[^/]*' }
  if (options.questionMark) wildcards['?'] = '[^/]'
  // A `/**` segment also matches nothing at all, as in .gitignore: `/stripe/**` covers
  // `/stripe` itself and `/a/**/b` covers `/a/b`.
  const source = glob
    .split(options.questionMark ? /(\/\*\*(?=\/|$)|\*\*|\*|\?)/ : /(\/\*\*(?=\/|$)|\*\*|\*)/)
    .map((part, i) =>
      i % 2 === 0 ? escapeRegExp(part) : part === '/**' ? '(?:/.*)?' : wildcards[part],
    )
    .join('')
  const re = new RegExp(`^${source}$`)
  if (cache.size >= MAX_CACHED) cache.clear()
  cache.set(glob, re)
  return re
}

/** Does the pattern hold a wildcard (`*`, and `?` when it counts as one)? */
export function hasWildcard(pattern: string, options: GlobOptions = {}): boolean {
  return options.questionMark ? /[*?]/.test(pattern) : pattern.includes('*')
}

/** Whole-path match: a pattern without wildcards matches only that exact path. */
export function pathMatches(pattern: string, path: string): boolean {
  return globToRegExp(pattern).test(path)
}

/** Filters give `?` its glob meaning: a request path never holds a literal `?` (that starts the query). */
const FILTER: GlobOptions = { questionMark: true }

/**
 * The one meaning of a path filter: verifier paths, forward rules and event queries (so also
 * `listen --path`, `events list --path`, mcp's `list_events`). With a wildcard (`*`, `**`, `?`)
 * the pattern is a whole-path glob; without one it is a segment prefix: `/hooks` matches
 * `/hooks` and `/hooks/x`, never `/hooksx` — nor `/hooks/`, which routers treat as another
 * path. No pattern, or a lone `*`, `**` or `/**`, matches every path.
 */
export function pathFilterMatches(pattern: string | undefined, path: string): boolean {
  if (!pattern || pattern === '*' || pattern === '**' || pattern === '/**') return true
  if (hasWildcard(pattern, FILTER)) return globToRegExp(pattern, FILTER).test(path)
  if (path === pattern) return true
  const base = pattern.endsWith('/') ? pattern : `${pattern}/`
  return path.length > base.length && path.startsWith(base)
}
