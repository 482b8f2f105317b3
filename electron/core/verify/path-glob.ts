/**
 * Which verifiers apply to a request's path: the raw path of its URL, and the one path-filter
 * rule of shared/path-glob.ts (a glob with wildcards, else a segment prefix: `/hooks` covers
 * `/hooks/x`, not `/hooksx`).
 */
import { pathFilterMatches } from '../../../shared/path-glob'

/** The raw path of a URL (not normalised or decoded), '/' when empty. */
export function requestPath(url: string): string {
  const noOrigin = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '')
  const path = noOrigin.split(/[?#]/)[0]
  return path || '/'
}

/** Does a verifier's path apply? The one path-filter rule (shared/path-glob.ts). */
export function pathMatches(pattern: string | undefined, path: string): boolean {
  return pathFilterMatches(pattern, path)
}
