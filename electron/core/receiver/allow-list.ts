/**
 * Source allow-list for the receiver: decides whether a request's sender may deliver to us,
 * the way durable-agent webhook triggers guard themselves (platforms.md, seed 003): an empty
 * list allows everyone; otherwise the Origin's hostname must be allowed, or the client IP must
 * be one of the allowed IPs / CIDRs (IPv4 and IPv6). Pure: the receiver calls it per request.
 */
import { BlockList, isIP } from 'node:net'

export interface SourceInfo {
  /** Peer address of the TCP connection (the tunnel client's, for tunnelled requests). */
  remoteAddress: string
  /** The sender's address as the tunnel reported it (X-Forwarded-For), when via the tunnel. */
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
  if (originHost) {
    const match = origins.find((o) => hostnameOf(o) === originHost)
    if (match) return { allowed: true, reason: `origin ${originHost} is on the allow-list` }
  }

  const client = clientAddress(source)
  if (client) {
    const rule = ips.find((entry) => ipMatches(client, entry))
    if (rule) {
      const how = rule.includes('/') ? `is in ${rule}` : 'is on the allow-list'
      return { allowed: true, reason: `source ${client} ${how}` }
    }
  }

  const who = client
    ? `source ${client}${source.via === 'tunnel' ? ' (via the tunnel)' : ''}`
    : 'source address unknown (tunnelled request without X-Forwarded-For)'
  const originPart = originHost
    ? `origin ${originHost} is not allowed`
    : origins.length > 0
      ? 'no Origin header'
      : ''
  return {
    allowed: false,
    reason: `${who} is not on the allow-list${originPart ? ` and ${originPart}` : ''}`,
  }
}

/**
 * A refusal hook for the capture path (`hooklens.captureHooks.refuse`): null lets the request
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
    const origin = raw.headers.find(([k]) => k.toLowerCase() === 'origin')?.[1] ?? null
    const decision = checkSource({ ...raw, origin }, allowList())
    return decision.allowed ? null : `source not allowed: ${decision.reason}`
  }
}

/** The address the allow-list judges: the tunnel's X-Forwarded-For sender, else the peer. */
function clientAddress(source: SourceInfo): string | null {
  if (source.via === 'tunnel') {
    // X-Forwarded-For may be a list; the first entry is the original client.
    const first = source.forwardedFor?.split(',')[0]?.trim()
    return first ? normaliseIp(first) : null
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
