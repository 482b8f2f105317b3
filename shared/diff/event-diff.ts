/**
 * Diff of two captured events: request line, headers and body. What `diffEvents`,
 * "changes since the previous event of the same subject" and "how this duplicate differs from
 * the first" all return.
 */
import type { CapturedEvent } from '../event'
import { diffBodies, type BodyDiffOptions } from './body-diff'
import { diffHeaders } from './header-diff'
import type { BodyDiff, HeaderDiff } from './types'

export interface EventSide {
  id: string
  receivedAt: string
  method: string
  path: string
  query: string
  size: number
  sha256: string
  platform: string
  eventType: string | null
  subject: string | null
}

export interface RequestLineChange {
  field: 'method' | 'path' | 'query'
  oldValue: string
  newValue: string
}

export interface EventDiff {
  a: EventSide
  b: EventSide
  /** Same body bytes (sha256 equal). */
  sameBody: boolean
  request: RequestLineChange[]
  headers: HeaderDiff
  body: BodyDiff
}

function side(e: CapturedEvent): EventSide {
  return {
    id: e.id,
    receivedAt: e.receivedAt,
    method: e.method,
    path: e.path,
    query: e.query,
    size: e.size,
    sha256: e.sha256,
    platform: e.classification.platform,
    eventType: e.classification.eventType,
    subject: e.classification.subject,
  }
}

export function diffEvents(
  a: CapturedEvent,
  b: CapturedEvent,
  options: BodyDiffOptions = {},
): EventDiff {
  const request: RequestLineChange[] = []
  for (const field of ['method', 'path', 'query'] as const) {
    if (a[field] !== b[field]) request.push({ field, oldValue: a[field], newValue: b[field] })
  }
  const bodyA = { body: a.body, bodyEncoding: a.bodyEncoding }
  const bodyB = { body: b.body, bodyEncoding: b.bodyEncoding }
  return {
    a: side(a),
    b: side(b),
    sameBody: a.sha256 === b.sha256,
    request,
    headers: diffHeaders(a.headers, b.headers),
    body: diffBodies(bodyA, bodyB, options),
  }
}
