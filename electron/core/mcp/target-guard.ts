/**
 * Where mutating tools (replay_event, redrive, send_sample) may send requests: loopback and
 * private-network addresses only, unless the user started `hooklens mcp --allow-remote`. An
 * agent steered by a captured payload must not be able to post captured data to the internet.
 * Names are resolved and every address must qualify; link-local (cloud metadata) and the
 * unspecified address do not.
 */
import { lookup as dnsLookup } from 'node:dns/promises'
import { isIP } from 'node:net'

export type Lookup = (host: string) => Promise<string[]>

const defaultLookup: Lookup = async (host) =>
  (await dnsLookup(host, { all: true, verbatim: true })).map((a) => a.address)

export class TargetRefused extends Error {}

export function isLocalAddress(address: string): boolean {
  const ip = address.replace(/^\[|\]$/g, '').toLowerCase()
  const kind = isIP(ip)
  if (kind === 4) return isLocalV4(ip)
  if (kind !== 6) return false
  if (ip === '::1') return true
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(ip)
  if (mapped) return isLocalV4(mapped[1])
  // fc00::/7: unique local addresses, IPv6's private networks.
  return /^f[cd][0-9a-f]{0,2}:/.test(ip)
}

function isLocalV4(ip: string): boolean {
  const [a, b] = ip.split('.').map(Number)
  if (a === 127 || a === 10) return true
  if (a === 172 && b >= 16 && b <= 31) return true
  return a === 192 && b === 168
}

/**
 * Throws TargetRefused (with the reason and the way out) unless `url` is an http(s) URL whose
 * host is loopback or private; `allowRemote` skips the address check only.
 */
export async function checkTarget(
  url: string,
  allowRemote: boolean,
  lookup: Lookup = defaultLookup,
): Promise<URL> {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new TargetRefused(`"${url}" is not a URL (expected e.g. http://localhost:3000/webhook)`)
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new TargetRefused(`only http and https targets are supported (got ${parsed.protocol})`)
  }
  if (allowRemote) return parsed
  const host = parsed.hostname.replace(/^\[|\]$/g, '').toLowerCase()
  if (host === 'localhost' || host.endsWith('.localhost')) return parsed
  let addresses: string[]
  if (isIP(host)) {
    addresses = [host]
  } else {
    try {
      addresses = await lookup(host)
    } catch (err) {
      throw new TargetRefused(`cannot resolve ${host}: ${(err as Error).message}`)
    }
  }
  const remote = addresses.filter((a) => !isLocalAddress(a))
  if (addresses.length === 0 || remote.length > 0) {
    throw new TargetRefused(
      `refused: ${host}${isIP(host) ? '' : ` (${remote.join(', ') || 'no address'})`} is not a loopback or private address. ` +
        'Hooklens MCP tools only send to your own machine or network; the user can start `hooklens mcp --allow-remote` to allow other targets.',
    )
  }
  return parsed
}
