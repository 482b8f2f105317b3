/**
 * Source allow-list: empty allows all; IP rules judge only the hop we trust (socket peer, or the
 * tunnel proxy's last X-Forwarded-For entry); origin rules are advisory and never override an IP
 * rule (12.3).
 */
import { describe, expect, it } from 'vitest'
import { checkSource, type SourceInfo } from '../../../electron/core/receiver/allow-list'

const local = (remoteAddress: string, origin: string | null = null): SourceInfo => ({
  remoteAddress,
  forwardedFor: null,
  origin,
  via: 'local',
})
const tunnel = (forwardedFor: string | null, origin: string | null = null): SourceInfo => ({
  remoteAddress: '127.0.0.1',
  forwardedFor,
  origin,
  via: 'tunnel',
})

describe('checkSource', () => {
  it('allows everything when both lists are empty', () => {
    expect(checkSource(local('203.0.113.9'), { ips: [], origins: [] })).toEqual({
      allowed: true,
      reason: 'no source allow-list configured',
    })
    expect(checkSource(local('203.0.113.9'), { ips: [' '], origins: [''] }).allowed).toBe(true)
  })

  it('matches IPv4 addresses and CIDRs, including IPv4-mapped IPv6 peers', () => {
    const list = { ips: ['10.0.0.0/8', '192.168.1.7'], origins: [] }
    expect(checkSource(local('10.20.30.40'), list)).toEqual({
      allowed: true,
      reason: 'source 10.20.30.40 is in 10.0.0.0/8',
    })
    expect(checkSource(local('::ffff:192.168.1.7'), list)).toEqual({
      allowed: true,
      reason: 'source 192.168.1.7 is on the allow-list',
    })
    expect(checkSource(local('192.168.1.8'), list).allowed).toBe(false)
    expect(checkSource(local('11.0.0.1'), list).reason).toBe(
      'source 11.0.0.1 is not on the allow-list',
    )
  })

  it('matches IPv6 addresses and prefixes', () => {
    const list = { ips: ['2001:db8::/32', '::1'], origins: [] }
    expect(checkSource(local('2001:db8:85a3::8a2e:370:7334'), list).allowed).toBe(true)
    expect(checkSource(local('::1'), list).allowed).toBe(true)
    expect(checkSource(local('2001:db9::1'), list).allowed).toBe(false)
    expect(checkSource(local('10.0.0.1'), list).allowed).toBe(false)
  })

  it('judges tunnelled requests by the tunnel proxy’s X-Forwarded-For entry, not the local tunnel client', () => {
    const list = { ips: ['127.0.0.1', '198.51.100.0/24'], origins: [] }
    // The sender wrote "10.0.0.1"; the proxy appended the address it saw.
    expect(checkSource(tunnel('10.0.0.1, 198.51.100.23'), list).allowed).toBe(true)
    const denied = checkSource(tunnel('203.0.113.5'), list)
    expect(denied).toEqual({
      allowed: false,
      reason: 'source 203.0.113.5 (via the tunnel) is not on the allow-list',
    })
    expect(checkSource(tunnel(null), list)).toEqual({
      allowed: false,
      reason:
        'source address unknown (tunnelled request without X-Forwarded-For) is not on the allow-list',
    })
  })

  it('never trusts an X-Forwarded-For entry the sender wrote (12.3)', () => {
    const list = { ips: ['198.51.100.0/24'], origins: [] }
    // A stranger at 203.0.113.5 puts an allowed address first; the proxy appends the real one.
    expect(checkSource(tunnel('198.51.100.23, 203.0.113.5'), list)).toEqual({
      allowed: false,
      reason: 'source 203.0.113.5 (via the tunnel) is not on the allow-list',
    })
  })

  it('an allowed Origin never lets a request past an IP rule (12.3)', () => {
    const list = { ips: ['10.0.0.0/8'], origins: ['helpdesk.example.com'] }
    expect(checkSource(local('203.0.113.9', 'https://helpdesk.example.com'), list)).toEqual({
      allowed: false,
      reason:
        'source 203.0.113.9 is not on the allow-list (its Origin helpdesk.example.com is listed, but origins are advisory and never override an IP rule)',
    })
    expect(checkSource(local('10.1.2.3'), list).allowed).toBe(true)
  })

  it('with origins only, allows a listed Origin (as URL or bare hostname), saying it is advisory', () => {
    const list = { ips: [], origins: ['https://helpdesk.example.com', 'ci.example.org'] }
    expect(checkSource(local('203.0.113.9', 'https://helpdesk.example.com'), list)).toEqual({
      allowed: true,
      reason:
        'origin helpdesk.example.com is on the allow-list (advisory: the sender writes its Origin)',
    })
    expect(checkSource(local('203.0.113.9', 'http://ci.example.org:8080'), list).allowed).toBe(true)
    expect(checkSource(local('203.0.113.9', 'https://evil.example.com'), list)).toEqual({
      allowed: false,
      reason: 'origin evil.example.com is not on the allow-list',
    })
    expect(checkSource(local('203.0.113.9'), list).reason).toBe('no Origin header')
    expect(checkSource(local('203.0.113.9', 'null'), list).allowed).toBe(false)
  })

  it('ignores malformed entries instead of throwing', () => {
    const list = { ips: ['not-an-ip', '10.0.0.0/99', '10.0.0.0/x'], origins: ['::::'] }
    expect(checkSource(local('10.0.0.1', 'https://a.b'), list).allowed).toBe(false)
  })
})
