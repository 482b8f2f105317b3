/**
 * Receiver path patterns for verifiers: `*` matches within one segment, `**` across segments;
 * a pattern without wildcards matches that exact path (globs: shared/path-glob.ts).
 */
import { pathMatches as globMatches } from '../../../shared/path-glob'

/** The raw path of a URL (not normalised or decoded), '/' when empty. */
export function requestPath(url: string): string {
  const noOrigin = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '')
  const path = noOrigin.split(/[?#]/)[0]
  return path || '/'
}

/**
 * A verifier with no path, or with a lone `*`, applies to every path: unlike a glob `*`, which
 * would stop at the first `/`.
 */
export function pathMatches(pattern: string | undefined, path: string): boolean {
  if (!pattern || pattern === '*' || pattern === '**' || pattern === '/**') return true
  return globMatches(pattern, path)
}
