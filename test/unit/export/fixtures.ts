/** Captured events for the export tests: a JSON event, a binary one, one with quotes. */
import { createHash } from 'node:crypto'
import type { CapturedEvent } from '../../../shared/event'

export function makeEvent(over: Partial<CapturedEvent> & { bytes?: Buffer } = {}): CapturedEvent {
  const bytes = over.bytes ?? Buffer.from('{"type":"invoice.paid","id":"evt_1"}')
  const utf8 = isUtf8(bytes)
  const { bytes: _b, ...rest } = over
  return {
    id: '01JZZZZZZZZZZZZZZZZZZZZZZ1',
    receivedAt: '2026-11-25T15:00:00.123Z',
    method: 'POST',
    path: '/hooks/stripe',
    query: '',
    headers: [
      ['Host', 'localhost:4000'],
      ['Content-Type', 'application/json'],
      ['Stripe-Signature', 't=1,v1=abc'],
      ['Content-Length', String(bytes.length)],
    ],
    body: utf8 ? bytes.toString('utf8') : bytes.toString('base64'),
    bodyEncoding: utf8 ? 'utf8' : 'base64',
    size: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    remoteAddress: '127.0.0.1',
    via: 'local',
    forwardedFor: null,
    verification: { scheme: 'stripe', status: 'valid', reason: 'signature matches' },
    idempotency: {
      key: 'evt_1',
      source: 'body:id',
      status: 'first',
      firstId: '01JZZZZZZZZZZZZZZZZZZZZZZ1',
      count: 1,
    },
    classification: { platform: 'stripe', eventType: 'invoice.paid', subject: 'in_1' },
    response: { status: 200, latencyMs: 3 },
    ...rest,
  }
}

function isUtf8(b: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b)
    return true
  } catch {
    return false
  }
}
