/**
 * Schemes that sign the raw body alone: GitHub (sha256= / legacy sha1=), Intercom, Shopify,
 * Linear (timestamp inside the body, in ms), PagerDuty (v1= list) and AgentField executions.
 */
import type { HeaderPair } from '../../../../shared/event'
import { firstHeader, header, parseUnix } from '../crypto'
import type { Extracted, ExtractProblem, Scheme } from '../types'
import { hmacScheme } from './hmac-scheme'

/** `prefix<sig>` in one header; the prefix is required (verifiers compare the whole string). */
function prefixed(
  headers: HeaderPair[],
  names: string[],
  prefix: string,
): Extracted | ExtractProblem | null {
  const found = firstHeader(headers, names)
  if (!found) return null
  const [name, value] = found
  if (prefix && !value.startsWith(prefix)) return { problem: `${name} lacks the ${prefix} prefix` }
  return { signatures: [value.slice(prefix.length).trim()], source: name }
}

const bodyOnly = (_ex: Extracted, c: { body: Buffer }): Buffer[] => [c.body]

export const github = hmacScheme({
  id: 'github',
  label: 'GitHub',
  headers: ['x-hub-signature-256'],
  signsBody: true,
  alg: 'sha256',
  encoding: 'hex',
  derivation: 'utf8',
  extract: (h) => prefixed(h, ['X-Hub-Signature-256'], 'sha256='),
  content: bodyOnly,
})

export const githubSha1 = hmacScheme({
  id: 'github-sha1',
  label: 'GitHub (legacy SHA-1)',
  headers: ['x-hub-signature'],
  signsBody: true,
  alg: 'sha1',
  encoding: 'hex',
  derivation: 'utf8',
  extract: (h) => prefixed(h, ['X-Hub-Signature'], 'sha1='),
  content: bodyOnly,
})

/** Intercom signs exactly as GitHub's legacy SHA-1 header does; only the name differs. */
export const intercom: Scheme = { ...githubSha1, id: 'intercom', label: 'Intercom' }

export const shopify = hmacScheme({
  id: 'shopify',
  label: 'Shopify',
  headers: ['x-shopify-hmac-sha256', 'shopify-hmac-sha256'],
  signsBody: true,
  alg: 'sha256',
  encoding: 'base64',
  derivation: 'utf8',
  extract: (h) => prefixed(h, ['X-Shopify-Hmac-Sha256', 'Shopify-Hmac-Sha256'], ''),
  content: bodyOnly,
})

/** Linear's replay timestamp: `webhookTimestamp` (ms) in the JSON body, else the header. */
function linearTimestamp(headers: HeaderPair[], body: Buffer): number | undefined {
  const m = /"webhookTimestamp"\s*:\s*(\d{10,16})/.exec(body.toString('utf8'))
  const ms = m ? Number(m[1]) : parseUnix(header(headers, 'linear-timestamp'))
  return ms === null ? undefined : ms / 1000
}

export const linear = hmacScheme({
  id: 'linear',
  label: 'Linear',
  headers: ['linear-signature'],
  signsBody: true,
  tolerance: 60,
  direction: 'both',
  alg: 'sha256',
  encoding: 'hex',
  derivation: 'utf8',
  extract: (h, body) => {
    const ex = prefixed(h, ['Linear-Signature'], '')
    if (!ex || 'problem' in ex) return ex
    return { ...ex, timestamp: linearTimestamp(h, body) }
  },
  content: bodyOnly,
})

export const pagerduty = hmacScheme({
  id: 'pagerduty',
  label: 'PagerDuty',
  headers: ['x-pagerduty-signature'],
  signsBody: true,
  alg: 'sha256',
  encoding: 'hex',
  derivation: 'utf8',
  extract: (h) => {
    const value = header(h, 'X-PagerDuty-Signature')
    if (value === undefined) return null
    const signatures = value
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s.startsWith('v1='))
      .map((s) => s.slice(3))
    if (signatures.length === 0) return { problem: 'X-PagerDuty-Signature has no v1= entry' }
    return { signatures, source: 'X-PagerDuty-Signature' }
  },
  content: bodyOnly,
})

export const agentfieldExecution = hmacScheme({
  id: 'agentfield-execution',
  label: 'AgentField execution webhook',
  headers: ['x-agentfield-signature'],
  signsBody: true,
  alg: 'sha256',
  encoding: 'hex',
  derivation: 'utf8-trim',
  extract: (h) => prefixed(h, ['X-AgentField-Signature'], 'sha256='),
  content: bodyOnly,
})
