/**
 * Schemes that sign a timestamp header together with the raw body: Slack and Zoom
 * (`v0:{ts}:{body}`), Agent Gateway (`{ts}.{body}`, bare hex or sha256=) and the AgentField
 * approval webhook (`t=..,v1=..` over `{t}.{body}`, or sha256= / bare hex over the body).
 */
import type { HeaderPair } from '../../../../shared/event'
import { firstHeader, header, parseUnix } from '../crypto'
import type { Extracted, ExtractProblem, Scheme } from '../types'
import { hmacScheme } from './hmac-scheme'

function withTimestamp(
  headers: HeaderPair[],
  sigName: string,
  tsName: string,
  prefix: RegExp,
): Extracted | ExtractProblem | null {
  const value = header(headers, sigName)
  if (value === undefined) return null
  const ts = header(headers, tsName)
  if (ts === undefined)
    return { problem: `${tsName} header missing (it is part of the signed content)` }
  const timestamp = parseUnix(ts)
  if (timestamp === null) return { problem: `${tsName} is not a Unix timestamp` }
  const m = prefix.exec(value.trim())
  if (!m) return { problem: `${sigName} is not in the expected format` }
  return { signatures: [m[1]], timestamp, source: sigName, data: { ts } }
}

/** Slack and Zoom sign `v0:{ts}:{body}` the same way; only the header names differ. */
function v0Scheme(id: string, label: string, sigName: string, tsName: string): Scheme {
  return hmacScheme({
    id,
    label,
    headers: [sigName.toLowerCase()],
    signsBody: true,
    tolerance: 300,
    direction: 'both',
    alg: 'sha256',
    encoding: 'hex',
    derivation: 'utf8',
    extract: (h) => withTimestamp(h, sigName, tsName, /^v0=(.+)$/),
    content: (ex, c) => [`v0:${ex.data?.ts}:`, c.body],
  })
}

export const slack = v0Scheme('slack', 'Slack', 'X-Slack-Signature', 'X-Slack-Request-Timestamp')
export const zoom = v0Scheme('zoom', 'Zoom', 'x-zm-signature', 'x-zm-request-timestamp')

export const agentGateway = hmacScheme({
  id: 'agent-gateway',
  label: 'Agent Gateway',
  headers: ['x-agentgateway-signature'],
  signsBody: true,
  // The docs only say "a few minutes old": stale timestamps fail, future ones do not.
  tolerance: 300,
  direction: 'past',
  alg: 'sha256',
  encoding: 'hex',
  derivation: 'utf8',
  // The reference sender adds sha256= although its docs show bare hex: accept both.
  extract: (h) =>
    withTimestamp(h, 'X-AgentGateway-Signature', 'X-AgentGateway-Timestamp', /^(?:sha256=)?(.+)$/),
  content: (ex, c) => [`${ex.data?.ts}.`, c.body],
})

const APPROVAL_HEADERS = ['X-Hax-Signature', 'X-Webhook-Signature', 'X-Hub-Signature-256']

export const agentfieldApproval = hmacScheme({
  id: 'agentfield-approval',
  label: 'AgentField approval webhook',
  headers: ['x-hax-signature', 'x-webhook-signature'],
  signsBody: true,
  tolerance: 300,
  direction: 'both',
  alg: 'sha256',
  encoding: 'hex',
  derivation: 'utf8',
  extract: (h) => {
    const found = firstHeader(h, APPROVAL_HEADERS)
    if (!found) return null
    const [name, raw] = found
    const value = raw.trim()
    if (value.includes('v1=')) {
      const parts = Object.fromEntries(
        value.split(',').map((p) => p.split('=', 2).map((s) => s.trim())),
      )
      const timestamp = parseUnix(parts.t)
      if (timestamp === null) return { problem: `${name} has no valid t= timestamp` }
      return { signatures: [parts.v1 ?? ''], timestamp, source: name, data: { ts: parts.t } }
    }
    return { signatures: [value.replace(/^sha256=/, '')], source: name }
  },
  content: (ex, c) => (ex.data?.ts !== undefined ? [`${ex.data.ts}.`, c.body] : [c.body]),
})
