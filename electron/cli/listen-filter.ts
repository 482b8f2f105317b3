/**
 * `listen --events TYPES --path GLOB`: which events listen prints and forwards to its
 * --forward-to targets (all are still received, answered and stored). Types are a comma list,
 * each exact or with `*` (`execution.*`); the path is a prefix or a glob, as in `events list`.
 */
import type { Classification } from '../../shared/event'
import { globToRegExp, matchesPath } from '../core/inspect/query'

export interface FilterableEvent {
  path: string
  classification?: Pick<Classification, 'eventType'>
}

export function listenFilter(opts: {
  events?: string
  path?: string
}): ((e: FilterableEvent) => boolean) | null {
  const types = (opts.events ?? '')
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean)
  const path = opts.path
  if (types.length === 0 && !path) return null
  const typeTests = types.map((t) =>
    t.includes('*')
      ? (v: string) => globToRegExp(t.replace(/\*+/g, '**')).test(v)
      : (v: string) => v === t,
  )
  return (e) => {
    if (path && !matchesPath(e.path, path)) return false
    if (typeTests.length === 0) return true
    const type = e.classification?.eventType
    return type != null && typeTests.some((test) => test(type))
  }
}
