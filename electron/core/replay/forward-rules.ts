/** Forwarding rules: which captured events go to which targets. */
import type { Classification } from '../../../shared/event'
import { pathFilterMatches } from '../../../shared/path-glob'

export interface ForwardFilter {
  /** Segment prefix ("/hooks": not "/hooksx") or glob ("/hooks/*"): shared/path-glob.ts. */
  path?: string
  platform?: string
  eventType?: string
}

export interface ForwardRule {
  id: string
  targets: string[]
  filter?: ForwardFilter
  /** Attempts per delivery before it becomes a dead letter (default 5). */
  maxAttempts?: number
  /** Append the captured path and query to each target's path. */
  appendPath?: boolean
  enabled?: boolean
  /**
   * Re-sign each attempt with a fresh timestamp (as replay does). Default: on when the event's
   * scheme has a secret of that scheme configured; false never re-signs.
   */
  resign?: boolean
  /** Headers set on every forwarded request (listen -H 'Name: value'), replacing the captured ones. */
  setHeaders?: [string, string][]
  /** A code-level filter on top of `filter` (listen --events / --path for session targets). */
  accept?: (event: ForwardableEvent) => boolean
}

export interface ForwardableEvent {
  id: string
  method: string
  path: string
  query: string
  headers: [string, string][]
  /** The body's digest as capture computed it (hashed here when absent). */
  sha256?: string
  classification?: Pick<Classification, 'platform' | 'eventType'>
  rejected?: string | null
  /** The captured verdict: which scheme signed it, and which verifier judged it. */
  verification?: { scheme: string | null; status?: string; verifierId?: string | null }
}

export const DEFAULT_MAX_ATTEMPTS = 5

/** `hooklens listen --forward-to URL` (repeatable) as one rule. */
export function rulesFromTargets(targets: string[], id = 'forward-to'): ForwardRule[] {
  return targets.length ? [{ id, targets: [...targets] }] : []
}

export function ruleMatches(rule: ForwardRule, event: ForwardableEvent): boolean {
  if (rule.enabled === false || event.rejected) return false
  if (rule.accept && !rule.accept(event)) return false
  const f = rule.filter
  if (!f) return true
  if (f.path && !pathMatches(f.path, event.path)) return false
  if (f.platform && event.classification?.platform !== f.platform) return false
  if (f.eventType && event.classification?.eventType !== f.eventType) return false
  return true
}

/** The one path-filter rule (shared/path-glob.ts): `/hooks` takes `/hooks/a`, not `/hooksx`. */
export function pathMatches(pattern: string, path: string): boolean {
  return pathFilterMatches(pattern, path)
}
