/**
 * Re-signing forwards (issue 13.5): a forwarded event is usually minutes old by its last retry,
 * and a timestamped signature that old is rejected by the handler. A rule's `resign` (default:
 * on when the event's scheme has a secret of that scheme) signs every attempt afresh, the same
 * way a replay does.
 */
import type { HeaderPair } from '../../../shared/event'
import { maskSecret } from '../verify'
import type { ForwardableEvent, ForwardRule } from './forward-rules'
import { detectScheme, findSecret, resign, SIGNERS, type VerifierLike } from './signers'
import type { Delivery } from './types'

export interface ResignPlan {
  resign: Delivery['resign']
  notes: string[]
}

/** Decided once, when the event is queued. */
export function resignPlan(
  rule: ForwardRule,
  event: ForwardableEvent,
  body: Buffer,
  verifiers: VerifierLike[],
): ResignPlan {
  if (rule.resign === false) return { resign: null, notes: [] }
  // 'missing' / 'none': the sender did not sign it; signing it here would invent a signature.
  const unsigned = ['missing', 'none'].includes(event.verification?.status ?? '')
  const scheme = unsigned ? null : (event.verification?.scheme ?? detectScheme(event.headers, body))
  if (!scheme) {
    return {
      resign: null,
      notes: rule.resign ? ['not re-signed: the event carries no signature of a known scheme'] : [],
    }
  }
  const validVerifierId =
    event.verification?.status === 'valid' ? (event.verification.verifierId ?? null) : null
  const verifierId = event.verification?.verifierId ?? null
  const plan = { scheme, verifierId, validVerifierId }
  if (rule.resign === true) return { resign: plan, notes: [] }
  // Default: only where it can work, so a rule never turns a signed event into an unsigned one.
  const canSign =
    SIGNERS.has(scheme) && findSecret(scheme, { verifiers, verifierId, validVerifierId }) !== null
  return { resign: canSign ? plan : null, notes: [] }
}

export interface SignedAttempt {
  headers: HeaderPair[]
  /** The record's notes with this attempt's re-signing sentence in place of the last one. */
  notes: string[]
  /** Masks headers that now carry a token secret verbatim (they go to the record). */
  mask(headers: HeaderPair[]): HeaderPair[]
}

export function signAttempt(
  d: Delivery,
  headers: HeaderPair[],
  body: Buffer,
  verifiers: VerifierLike[],
  now: Date,
): SignedAttempt {
  const plan = d.resign!
  const r = resign({
    method: d.request.method,
    headers,
    body,
    scheme: plan.scheme,
    sources: { verifiers, verifierId: plan.verifierId, validVerifierId: plan.validVerifierId },
    nowSec: Math.floor(now.getTime() / 1000),
    newId: false,
    url: d.request.url,
  })
  const masked = new Set(r.secretHeaders.map((h) => h.toLowerCase()))
  const kept = d.notes.filter((n) => !/^(re-signed as |not re-signed)/.test(n))
  return {
    headers: r.headers,
    notes: [...kept, ...r.notes.filter((n) => /^(re-signed as |not re-signed)/.test(n))],
    mask: (hs) => hs.map(([k, v]) => (masked.has(k.toLowerCase()) ? [k, maskSecret(v)] : [k, v])),
  }
}
