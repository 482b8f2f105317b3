/** Builds EventSummary objects for inspect tests from a fixture, as the store would hold them. */
import { classify, idempotencyKey } from '../../../electron/core/inspect'
import { emptyVerification, type EventSummary } from '../../../shared/event'
import { requestOf, sha256Of, type PlatformFixture } from '../../fixtures/platforms'

export function summaryOf(
  f: PlatformFixture,
  id: string,
  over: Partial<EventSummary> = {},
): EventSummary {
  const req = requestOf(f)
  const classification = classify(req)
  const sha256 = sha256Of(f)
  const { key, source } = idempotencyKey({ ...req, classification, sha256 })
  return {
    id,
    receivedAt: '2026-11-25T15:27:20.534Z',
    method: f.method,
    path: f.path,
    query: '',
    headers: f.headers,
    size: req.body.length,
    sha256,
    remoteAddress: '127.0.0.1',
    via: 'local',
    forwardedFor: null,
    verification: emptyVerification(),
    idempotency: { key, source, status: 'first', firstId: id, count: 1 },
    classification,
    response: { status: 200, latencyMs: 1 },
    ...over,
  }
}
