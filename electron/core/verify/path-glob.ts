/**
 * Receiver path patterns for verifiers: `*` matches within one segment, `**` across segments;
 * a pattern without wildcards matches that exact path.
 */

/** The raw path of a URL (not normalised or decoded), '/' when empty. */
export function requestPath(url: string): string {
  const noOrigin = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '')
  const path = noOrigin.split(/[?#]/)[0]
  return path || '/'
}

const cache = new Map<string, RegExp>()

export function pathMatches(pattern: string | undefined, path: string): boolean {
  if (!pattern || pattern === '*' || pattern === '**' || pattern === '/**') return true
  let re = cache.get(pattern)
  if (!re) {
    const body = pattern
      .split(/(\*\*|\*)/)
      .map((part) =>
        part === '**' ? '.*' : part === '*' ? '[^/]*' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'),
      )
      .join('')
    re = new RegExp(`^${body}$`)
    cache.set(pattern, re)
  }
  return re.test(path)
}
