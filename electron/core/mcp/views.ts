/**
 * How events and deliveries look in tool results: Hooklens' own findings (ids, verdicts,
 * statuses, sizes) in the clear, everything the sender or a target controls inside an
 * `untrusted` object, credentials masked, bodies capped with the cut said plainly.
 */
import type { DecodedBody } from '../../../shared/api'
import type { CapturedEvent, EventSummary } from '../../../shared/event'
import { headerValue } from '../../../shared/event'
import type { Delivery } from '../replay/types'
import {
  BODY_CAP_MAX,
  capBody,
  capHeaders,
  capString,
  capStrings,
  RESPONSE_EXCERPT_CAP,
  truncationNote,
} from './caps'
import { maskHeaders } from './redact'
import { untrusted } from './untrusted'

export function summaryView(e: EventSummary) {
  return {
    id: e.id,
    receivedAt: e.receivedAt,
    size: e.size,
    via: e.via,
    platform: e.classification.platform,
    verification: {
      scheme: e.verification.scheme,
      status: e.verification.status,
      reason: capString(e.verification.reason, 512),
    },
    idempotency: {
      status: e.idempotency?.status ?? null,
      count: e.idempotency?.count ?? null,
      firstId: e.idempotency?.firstId ?? null,
      source: e.idempotency?.source ?? null,
    },
    response: e.response,
    ...(e.rejected ? { rejected: e.rejected } : {}),
    untrusted: untrusted({
      method: capString(e.method, 32),
      path: capString(e.path, 512),
      query: capString(e.query, 512),
      eventType: e.classification.eventType && capString(e.classification.eventType, 256),
      subject: e.classification.subject && capString(e.classification.subject, 256),
      idempotencyKey: e.idempotency?.key ? capString(e.idempotency.key, 256) : null,
    }),
  }
}

const COMPRESSED = /^(gzip|x-gzip|deflate|br)$/i

export interface EventViewOptions {
  maxBodyBytes: number
  /** The bytes as received (base64) instead of the decoded view of a compressed body. */
  raw?: boolean
}

export function eventView(e: CapturedEvent, decoded: DecodedBody | null, opts: EventViewOptions) {
  const summary = summaryView(e)
  const contentEncoding = headerValue(e.headers, 'content-encoding')?.trim() ?? null
  const received = Buffer.from(e.body, e.bodyEncoding === 'base64' ? 'base64' : 'utf8')
  const notes: string[] = []
  let shown
  let view: string
  if (!opts.raw && contentEncoding && COMPRESSED.test(contentEncoding) && decoded) {
    const bytes = Buffer.from(decoded.body, decoded.bodyEncoding === 'base64' ? 'base64' : 'utf8')
    shown = capBody(bytes, opts.maxBodyBytes, decoded.bodyEncoding === 'utf8')
    view = `decoded from ${contentEncoding} (${received.length} bytes on the wire)`
    if (decoded.error) notes.push(`decoding failed: ${decoded.error}`)
    if (decoded.truncated) notes.push('decoding stopped at the decode cap')
    if (decoded.bomb) notes.push('decoding stopped: the ratio looks like a decompression bomb')
  } else {
    shown = capBody(received, opts.maxBodyBytes, e.bodyEncoding === 'utf8' && !opts.raw)
    view = 'as received'
  }
  if (shown.encoding === 'base64') {
    notes.push('binary or not valid UTF-8: base64 of the exact bytes')
  }
  const cut = truncationNote(shown)
  if (cut) notes.push(`${cut}; pass a larger maxBodyBytes (up to ${BODY_CAP_MAX}) to see more`)
  return {
    ...summary,
    sha256: e.sha256,
    remoteAddress: e.remoteAddress,
    forwardedFor: e.forwardedFor,
    verification: { ...summary.verification, diagnosis: e.verification.diagnosis ?? null },
    classificationDetails: e.classification.details
      ? untrusted({ details: capStrings(e.classification.details, 512) })
      : null,
    warnings: e.warnings ?? [],
    body: {
      view,
      encoding: shown.encoding,
      size: shown.size,
      shownBytes: shown.shownBytes,
      truncated: shown.truncated,
      notes,
    },
    untrusted: {
      ...summary.untrusted,
      headers: capHeaders(maskHeaders(e.headers)),
      body: shown.text,
    },
  }
}

/** The first RESPONSE_EXCERPT_CAP bytes of a target's answer (null when it never answered). */
export function responseExcerpt(response: Delivery['response']) {
  return response
    ? capBody(
        Buffer.from(response.body, response.bodyEncoding === 'base64' ? 'base64' : 'utf8'),
        RESPONSE_EXCERPT_CAP,
        response.bodyEncoding === 'utf8',
      )
    : null
}

export function deliveryView(d: Delivery) {
  const response = d.response
  const excerpt = responseExcerpt(response)
  return {
    id: d.id,
    eventId: d.eventId,
    kind: d.kind,
    status: d.status,
    target: d.target,
    attempts: d.attempts,
    maxAttempts: d.maxAttempts,
    lastError: d.lastError,
    latencyMs: d.latencyMs,
    createdAt: d.createdAt,
    deliveredAt: d.deliveredAt,
    nextAttemptAt: d.nextAttemptAt,
    redrives: d.redrives,
    notes: d.notes,
    request: {
      method: d.request.method,
      url: d.request.url,
      size: d.request.size,
      untrusted: untrusted({ headers: capHeaders(maskHeaders(d.request.headers)) }),
    },
    response: response
      ? {
          status: response.status,
          size: response.size,
          bodyEncoding: excerpt?.encoding,
          bodyTruncated: response.truncated || Boolean(excerpt?.truncated),
          untrusted: untrusted({
            headers: capHeaders(maskHeaders(response.headers)),
            bodyExcerpt: excerpt?.text ?? '',
          }),
        }
      : null,
  }
}
