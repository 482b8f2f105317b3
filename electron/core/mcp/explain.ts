/**
 * `explain_verification`'s advice: the verdict Hooklens reached, in its own words, turned into
 * what the developer should change — per status, and for failures per diagnosis kind.
 */
import type { EventSummary, Verification } from '../../../shared/event'

const BY_KIND: Record<string, string> = {
  timestamp:
    "The signed timestamp is outside the tolerance. If this is an old delivery you are testing with, replay it with `resign: true` (fresh timestamp). If it is live traffic, the sender's clock or a queue delayed it: fix the clock, or raise the verifier's tolerance if the delay is expected.",
  'body-altered':
    'The body was changed after signing. Verify the raw request bytes exactly as received: do not parse and re-serialise JSON (or trim, re-encode, or strip a trailing newline) before checking the signature — e.g. express.raw(), request.get_data(), or reading the body stream yourself.',
  'wrong-secret':
    "The signature was made with a different configured secret: the sender uses the other verifier's secret. Point this path at that secret, or update the sender.",
  'secret-encoding':
    'The right secret, decoded the wrong way (e.g. a `whsec_` secret is base64 after the prefix; some platforms use the secret string as-is). Decode the secret the way the scheme expects.',
  'signature-encoding':
    'The MAC is right but encoded differently (hex vs base64). Encode or compare the signature in the encoding the scheme uses.',
  'url-mismatch':
    'The signature covers a different URL (often the public tunnel URL vs localhost, or a missing query). Verify against the URL the sender signed.',
  mismatch:
    "No known change explains the mismatch: most likely the sender signs with a secret Hooklens does not have (rotated, another environment). Copy the current signing secret from the sender's settings.",
  'header-other-scheme':
    "The request carries another scheme's signature header: configure a verifier for the scheme the sender actually uses.",
  jwks: 'The signing keys could not be fetched or used: check the JWKS URL is reachable and serves the key the token names.',
  'unknown-key':
    'The token names a key the key set does not contain: the sender rotated keys, or the wrong JWKS URL is configured.',
  claims:
    "The token verifies but a claim is wrong (audience, issuer, expiry): align the verifier's expected claims with what the sender issues.",
  malformed:
    "The signature header is malformed: check the sender's header format (version prefix, separators, encoding).",
}

const BY_STATUS: Record<string, string> = {
  valid:
    'Nothing: the signature verifies against a configured secret. A handler that still rejects it is verifying different bytes or with a different secret.',
  none: "No verifier is configured for this request: add the sender's secret (`hooklens secrets add SCHEME SECRET`, or the inspector's Settings) and Hooklens verifies stored events again.",
  missing:
    'A secret is configured for this path but the request carries no signature: make sure the sender has signing enabled, or that this is the path you meant to protect.',
  unverifiable:
    "The request is signed but Hooklens has no secret for its scheme: add the sender's secret (`hooklens secrets add SCHEME SECRET`) and stored events are verified again.",
}

export function explainVerification(e: EventSummary) {
  const v: Verification = e.verification
  const kind = v.diagnosis?.kind ?? null
  const advice =
    v.status === 'invalid'
      ? ((kind && BY_KIND[kind]) ??
        'The signature does not match: compare the secret and the exact bytes the sender signed.')
      : (BY_STATUS[v.status] ?? 'No advice for this status.')
  return {
    id: e.id,
    verdict: v.status,
    scheme: v.scheme,
    reason: v.reason,
    diagnosis: v.diagnosis
      ? { kind: v.diagnosis.kind, message: v.diagnosis.message, details: v.diagnosis.details ?? {} }
      : null,
    whatToChange: advice,
    ...(v.status === 'invalid' || v.status === 'valid'
      ? { replayHint: 'replay_event with resign: true sends it to your handler freshly signed' }
      : {}),
  }
}
