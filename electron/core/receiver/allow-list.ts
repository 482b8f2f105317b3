/**
 * Source allow-list for the receiver: decides whether a request's sender may deliver to us.
 * An empty list allows everyone. IP rules (IPs / CIDRs, v4 and v6) judge only an address a hop
 * we trust wrote: the socket peer for local requests, the last X-Forwarded-For entry (the one
 * the tunnel's proxy appended) for tunnelled ones — never an entry the sender wrote (12.3).
 * Origin rules, kept for the durable-agent trigger style (platforms.md, seed 003), are advisory:
 * any non-browser sender can write any Origin, so they only decide when no IP rule is set, and
 * never let a request past an IP rule. Pure: the receiver calls it per request.
 */
import { BlockList, isIP } from 'node:net'
import { headerValue } from '../../../shared/headers'

export interface SourceInfo {
  /** Peer address of the TCP connection (the tunnel client's, for tunnelled requests). */
  remoteAddress: string
  /**
   * X-Forwarded-For as received, when via the tunnel: only its last entry (appended by the
   * tunnel's proxy) is trusted.
   */
  forwardedFor: string | null
  /** The request's Origin header, when present. */
  origin?: string | null
  via: 'local' | 'tunnel'
}

export interface AllowList {
  /** IPs and CIDRs, v4 and v6 ("10.0.0.0/8", "2001:db8::/32", "203.0.113.7"). */
  ips: string[]
  /** Origins as URLs or bare hostnames ("https://helpdesk.example.com", "ci.example.com"). */
  origins: string[]
}

export interface SourceDecision {
  allowed: boolean
  reason: string
}

export function checkSource(source: SourceInfo, allowList: AllowList): SourceDecision {
  const ips = allowList.ips.map((s) => s.trim()).filter(Boolean)
  const origins = allowList.origins.map((s) => s.trim()).filter(Boolean)
  if (ips.length === 0 && origins.length === 0) {
    return { allowed: true, reason: 'no source allow-list configured' }
  }

  const originHost = source.origin ? hostnameOf(source.origin) : null
  const client = clientAddress(source)
  if (ips.length > 0) {
    // An IP rule decides alone: an Origin header is the sender's word, not evidence.
    const rule = client ? ips.find((entry) => ipMatches(client, entry)) : undefined
    if (rule) {
      const how = rule.includes('/') ? `is in ${rule}` : 'is on the allow-list'
      return { allowed: true, reason: `source ${client} ${how}` }
    }
    const who = client
      ? `source ${client}${source.via === 'tunnel' ? ' (via the tunnel)' : ''}`
      : 'source address unknown (tunnelled request without X-Forwarded-For)'
    const originNote =
      originHost && origins.some((o) => hostnameOf(o) === originHost)
        ? ` (its Origin ${originHost} is listed, but origins are advisory and never override an IP rule)`
        : ''
    return { allowed: false, reason: `${who} is not on the allow-list${originNote}` }
  }

  // Origins only (advisory): a browser cannot forge Origin, any other sender can.
  if (originHost && origins.some((o) => hostnameOf(o) === originHost)) {
    return {
      allowed: true,
      reason: `origin ${originHost} is on the allow-list (advisory: the sender writes its Origin)`,
    }
  }
  return {
    allowed: false,
    reason: originHost ? `origin ${originHost} is not on the allow-list` : 'no Origin header',
  }
}

/**
 * The capture path's `refuse` hook (given by the composition root): null lets the request
 * in, a reason string refuses it with 403 and records it as rejected.
 */
export function sourceRefusal(
  allowList: () => AllowList,
): (raw: {
  remoteAddress: string
  forwardedFor: string | null
  via: 'local' | 'tunnel'
  headers: [string, string][]
}) => string | null {
  return (raw) => {
    // No list (the default): nothing to refuse, and nothing per request worth computing.
    const list = allowList()
    if (!hasEntries(list.ips) && !hasEntries(list.origins)) return null
    const origin = headerValue(raw.headers, 'origin') ?? null
    // All X-Forwarded-For lines as received, so their last entry is the proxy's own.
    const xff = raw.headers
      .filter(([k]) => k.toLowerCase() === 'x-forwarded-for')
      .map(([, v]) => v)
      .join(', ')
    const forwardedFor = raw.via === 'tunnel' ? xff || raw.forwardedFor : null
    const decision = checkSource({ ...raw, forwardedFor, origin }, list)
    return decision.allowed ? null : `source not allowed: ${decision.reason}`
  }
}

/** The address the allow-list judges: the tunnel proxy's X-Forwarded-For entry, else the peer. */
/** True when some entry is not blank (checkSource ignores blank ones). */
function hasEntries(entries: string[]): boolean {
  for (const e of entries) if (e.trim() !== '') return true
  return false
}

function clientAddress(source: SourceInfo): string | null {
  if (source.via === 'tunnel') {
    // Entries before the last are whatever the sender wrote; the last is the proxy's.
    const last = source.forwardedFor?.split(',').at(-1)?.trim()
    return last ? normaliseIp(last) : null
  }
  return source.remoteAddress ? normaliseIp(source.remoteAddress) : null
}

function normaliseIp(address: string): string {
  let a = address.trim()
  if (a.startsWith('[') && a.includes(']')) a = a.slice(1, a.indexOf(']'))
  const zone = a.indexOf('%')
  if (zone >= 0) a = a.slice(0, zone)
  // Dual-stack sockets report IPv4 peers as ::ffff:a.b.c.d; judge them as IPv4.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(a)
  return mapped ? mapped[1] : a
}

function ipMatches(client: string, entry: string): boolean {
  const family = isIP(client)
  if (family === 0) return false
  const type = family === 4 ? 'ipv4' : 'ipv6'
  const [base, bits] = entry.split('/')
  const net = normaliseIp(base)
  const netFamily = isIP(net)
  if (netFamily !== family) return false
  const list = new BlockList()
  try {
    if (bits === undefined) list.addAddress(net, type)
    else {
      const prefix = Number(bits)
      if (!Number.isInteger(prefix) || prefix < 0 || prefix > (family === 4 ? 32 : 128)) {
        return false
      }
      list.addSubnet(net, prefix, type)
    }
    return list.check(client, type)
  } catch {
    return false
  }
}

function hostnameOf(value: string): string | null {
  const v = value.trim().toLowerCase()
  if (!v || v === 'null') return null
  try {
    return new URL(v.includes('://') ? v : `http://${v}`).hostname.replace(/^\[|\]$/g, '')
  } catch {
    return null
  }
}
