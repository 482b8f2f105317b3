/**
 * What each signature scheme is, in words: the ids verifiers accept, the headers each is
 * detected by, what it signs and how its key is made. Read from the verify registry's scheme
 * objects, so `hooklens schemes` and the inspector's verifier form cannot drift from what
 * verification does.
 */
import type { SchemeInfo } from '../../../shared/settings'
import { getScheme, SCHEME_IDS } from './registry'
import type { Scheme } from './types'

export type { SchemeInfo } from '../../../shared/settings'

/** 'hmac' needs options to exist as a scheme object; it is described by what it takes. */
const GENERIC_HMAC: SchemeInfo = {
  id: 'hmac',
  label: 'Generic HMAC (configured with --option)',
  headers: ['--option header=NAME'],
  signed:
    'a template over {body} {timestamp} {id} {url} {method} (--option template=…, default {body})',
  timestampTolerance: null,
  key: '--option secretEncoding=utf8|base64|hex',
}

export function describeScheme(s: Scheme): SchemeInfo {
  return {
    id: s.id,
    label: s.label,
    headers: s.headers,
    signed: signedContent(s),
    timestampTolerance: s.tolerance ?? null,
    key: s.keyDescription,
  }
}

function signedContent(s: Scheme): string {
  if (s.token) return `nothing: a credential compared as sent${s.caveat ? ` (${s.caveat})` : ''}`
  const parts: string[] = []
  if (s.usesUrl) parts.push('the URL')
  if (s.tolerance !== undefined) parts.push('a timestamp')
  if (s.signsBody) parts.push('the raw body')
  const what = parts.length > 0 ? parts.join(' + ') : 'fields of the request'
  return s.caveat ? `${what} (${s.caveat})` : what
}

export function listSchemes(): SchemeInfo[] {
  return SCHEME_IDS.map((id) => (id === 'hmac' ? GENERIC_HMAC : describeScheme(getScheme(id))))
}
