/**
 * Captured events and delivery records with every field of the contract filled in, for tests
 * and benches that need realistic objects without running the core: pass only the fields the
 * test is about.
 */
import { createHash } from 'node:crypto'
import type { Delivery } from '../../shared/api'
import type { CapturedEvent, EventSummary } from '../../shared/event'

export function summary(e: CapturedEvent): EventSummary {
  const { body: _b, bodyEncoding: _e, ...rest } = e
  return rest
}

let seq = 0
/** ULID-like sortable id: time part then a counter, 26 chars. */
export function fakeId(t = Date.now()): string {
  return `${t.toString(36).toUpperCase().padStart(10, '0')}${(seq++).toString(36).toUpperCase().padStart(16, '0')}`
}

export function fakeEvent(over: Partial<CapturedEvent> = {}): CapturedEvent {
  const body = over.body ?? '{"type":"ping"}'
  const id = over.id ?? fakeId()
  return {
    id,
    receivedAt: new Date().toISOString(),
    method: 'POST',
    path: '/hooks',
    query: '',
    headers: [['Content-Type', 'application/json']],
    body,
    bodyEncoding: 'utf8',
    size: Buffer.byteLength(body),
    sha256: createHash('sha256').update(body).digest('hex'),
    remoteAddress: '127.0.0.1',
    via: 'local',
    forwardedFor: null,
    verification: { scheme: null, status: 'none', reason: 'no verifier configured' },
    idempotency: { key: id, source: 'sha256', status: 'first', firstId: id, count: 1 },
    classification: { platform: 'unknown', eventType: null, subject: null },
    response: { status: 200, latencyMs: 1 },
    ...over,
  }
}

/** A delivered replay record with every field of the contract; `fields` override. */
export function fakeDelivery(
  fields: Partial<Delivery> & Pick<Delivery, 'id' | 'eventId'>,
): Delivery {
  const at = fields.createdAt ?? new Date().toISOString()
  return {
    target: 'http://127.0.0.1:3000/webhook',
    ruleId: null,
    kind: 'replay',
    status: 'delivered',
    attempts: 1,
    maxAttempts: 1,
    lastError: null,
    createdAt: at,
    updatedAt: at,
    deliveredAt: at,
    nextAttemptAt: null,
    request: {
      method: 'POST',
      url: fields.target ?? 'http://127.0.0.1:3000/webhook',
      headers: [],
      size: 0,
      sha256: '',
      bodySource: 'event',
    },
    response: null,
    latencyMs: null,
    notes: [],
    redrives: 0,
    ...fields,
  }
}
