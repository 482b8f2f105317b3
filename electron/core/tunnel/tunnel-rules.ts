/**
 * Pure facts about localtunnel that the rest of Hooklens needs: the subdomain naming rule,
 * the public server's body cap, the reminder page it shows browsers, and how the receiver
 * tells a request that came through the tunnel from a local one.
 */
import type { HeaderPair } from '../../../shared/event'
import { headerValue as pairValue } from '../../../shared/headers'

/** The rule localtunnel's server applies to a requested subdomain (server.js `GET /:id`). */
const SUBDOMAIN_RULE = /^(?:[a-z0-9][a-z0-9-]{4,63}[a-z0-9]|[a-z0-9]{4,63})$/

/** Why a subdomain would be refused by a localtunnel server, or null when it is acceptable. */
export function subdomainProblem(name: string): string | null {
  if (SUBDOMAIN_RULE.test(name)) return null
  if (name !== name.toLowerCase()) return `subdomain "${name}" must be lowercase`
  if (name.length < 4) return `subdomain "${name}" is too short (4 to 63 characters)`
  if (name.length > 63) return `subdomain "${name}" is too long (4 to 63 characters)`
  return `subdomain "${name}" may only hold a-z, 0-9 and inner hyphens (4 to 63 characters)`
}

/** localtunnel.me's front proxy refuses bodies above about 1 MB (nginx client_max_body_size). */
export const TUNNEL_BODY_CAP = 1024 * 1024

/**
 * A warning for events that came through the tunnel with a body near or over the public
 * server's cap: senders of bigger payloads get a 413 from the server and never reach us.
 */
export function tunnelBodyWarning(size: number, cap = TUNNEL_BODY_CAP): string | null {
  if (size >= cap) {
    return `body is ${formatBytes(size)}, at or over the public tunnel's ~${formatBytes(cap)} cap: bigger deliveries are refused with 413 before they reach Hooklens`
  }
  if (size >= cap * 0.8) {
    return `body is ${formatBytes(size)}, near the public tunnel's ~${formatBytes(cap)} cap: slightly bigger deliveries will be refused with 413`
  }
  return null
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(2)} MiB`
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`
  return `${n} B`
}

/** Header that makes localtunnel.me skip its reminder page (any value works). */
export const BYPASS_REMINDER_HEADER = 'bypass-tunnel-reminder'

export const REMINDER_EXPLANATION =
  'the localtunnel server shows a reminder page instead of forwarding requests from browser ' +
  `user agents; senders that use a browser User-Agent must add the header "${BYPASS_REMINDER_HEADER}: true" ` +
  '(or use a non-browser User-Agent); server-to-server webhooks are not affected'

/** True when a response body is localtunnel's reminder ("friendly reminder") page. */
export function isReminderPage(status: number, contentType: string | null, body: string): boolean {
  if (contentType && !/html/i.test(contentType)) return false
  if (status === 200 && !/<html|<!doctype/i.test(body)) return false
  return (
    /bypass-tunnel-reminder/i.test(body) ||
    /friendly reminder/i.test(body) ||
    (/localtunnel|loca\.lt/i.test(body) && /(You are about to visit|tunnel password)/i.test(body))
  )
}

/** A browser-like User-Agent: the kind localtunnel.me interposes its reminder page for. */
export function isBrowserUserAgent(ua: string | undefined | null): boolean {
  return !!ua && /Mozilla\/\d/.test(ua)
}

export interface TunnelOrigin {
  via: 'local' | 'tunnel'
  /** The original sender, from X-Forwarded-For / X-Real-IP, when it came via the tunnel. */
  forwardedFor: string | null
}

type Headers = HeaderPair[] | Record<string, string | string[] | undefined>

function headerValue(headers: Headers, name: string): string | undefined {
  const lower = name.toLowerCase()
  if (Array.isArray(headers)) return pairValue(headers, name)
  for (const [k, v] of Object.entries(headers)) {
    if (k.toLowerCase() === lower) return Array.isArray(v) ? v.join(', ') : v
  }
  return undefined
}

function isLoopback(address: string): boolean {
  const a = address.startsWith('::ffff:') ? address.slice(7) : address
  return a === '::1' || a.startsWith('127.')
}

/**
 * How the receiver tells a tunnelled request from a local one. The localtunnel client
 * connects to the receiver from loopback and forwards the request untouched, so it keeps
 * the public Host (`<id>.loca.lt`, because Hooklens never uses the client's `local_host`
 * option) and the public server's X-Forwarded-For. A loopback peer whose Host is one of the
 * tunnel's public hosts (this run) is a tunnel request; so is a loopback peer with
 * X-Forwarded-For while a tunnel is running. `tunnelHosts` comes from
 * `TunnelManager.publicHosts()`, `tunnelActive` from its state (anything but 'disabled').
 */
export function classifyTunnelRequest(
  headers: Headers,
  remoteAddress: string,
  tunnelHosts: readonly string[],
  tunnelActive: boolean,
): TunnelOrigin {
  if (!isLoopback(remoteAddress)) return { via: 'local', forwardedFor: null }
  // No tunnel this run: nothing to look up (the receiver asks this for every request).
  if (tunnelHosts.length === 0 && !tunnelActive) return { via: 'local', forwardedFor: null }
  const host = (headerValue(headers, 'host') ?? '').toLowerCase().replace(/:\d+$/, '')
  const forwarded = headerValue(headers, 'x-forwarded-for')
  const hostMatches = host !== '' && tunnelHosts.some((h) => h.toLowerCase() === host)
  if (!hostMatches && !(tunnelActive && forwarded)) return { via: 'local', forwardedFor: null }
  const first = forwarded?.split(',')[0]?.trim()
  const realIp = headerValue(headers, 'x-real-ip')?.trim()
  return { via: 'tunnel', forwardedFor: first || realIp || null }
}

/** Hostname of a public URL, lower-case, without port. */
export function hostOf(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase()
  } catch {
    return ''
  }
}
