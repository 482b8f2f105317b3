import { describe, expect, it } from 'vitest'
import {
  TUNNEL_BODY_CAP,
  classifyTunnelRequest,
  isBrowserUserAgent,
  isReminderPage,
  subdomainProblem,
  tunnelBodyWarning,
} from '../../../electron/core/tunnel/tunnel-rules'

describe('subdomainProblem', () => {
  it.each(['abcd', 'hooklens', 'my-hooks-1', 'a'.repeat(63), '0abc'])('accepts %s', (name) => {
    expect(subdomainProblem(name)).toBeNull()
  })
  it.each([
    ['abc', /too short/],
    ['MyHooks', /lowercase/],
    ['my_hooks', /a-z, 0-9/],
    ['-abcd', /a-z, 0-9/],
    ['abcd-', /a-z, 0-9/],
    ['a'.repeat(66), /too long/],
  ])('refuses %s', (name, why) => {
    expect(subdomainProblem(name)).toMatch(why)
  })
})

describe('tunnelBodyWarning', () => {
  it('is silent for small bodies', () => {
    expect(tunnelBodyWarning(1000)).toBeNull()
    expect(tunnelBodyWarning(Math.floor(TUNNEL_BODY_CAP * 0.79))).toBeNull()
  })
  it('warns near the cap and at it', () => {
    expect(tunnelBodyWarning(Math.floor(TUNNEL_BODY_CAP * 0.9))).toMatch(/near the public tunnel/)
    expect(tunnelBodyWarning(TUNNEL_BODY_CAP)).toMatch(/at or over .* 413/)
  })
})

describe('classifyTunnelRequest', () => {
  const hosts = ['abcdefghij.loca.lt']
  it('loopback peer with the public Host is a tunnel request, sender from X-Forwarded-For', () => {
    const r = classifyTunnelRequest(
      [
        ['host', 'abcdefghij.loca.lt'],
        ['x-forwarded-for', '203.0.113.7, 10.0.0.2'],
      ],
      '127.0.0.1',
      hosts,
      true,
    )
    expect(r).toEqual({ via: 'tunnel', forwardedFor: '203.0.113.7' })
  })
  it('falls back to X-Real-IP, and accepts IPv6 loopback and header objects', () => {
    const r = classifyTunnelRequest(
      { Host: 'abcdefghij.loca.lt:443', 'x-real-ip': '198.51.100.1' },
      '::1',
      hosts,
      false,
    )
    expect(r).toEqual({ via: 'tunnel', forwardedFor: '198.51.100.1' })
  })
  it('X-Forwarded-For from loopback counts only while a tunnel runs', () => {
    const h: [string, string][] = [
      ['Host', '127.0.0.1:8787'],
      ['X-Forwarded-For', '203.0.113.9'],
    ]
    expect(classifyTunnelRequest(h, '::ffff:127.0.0.1', hosts, true).via).toBe('tunnel')
    expect(classifyTunnelRequest(h, '::ffff:127.0.0.1', hosts, false).via).toBe('local')
  })
  it('a non-loopback peer is never a tunnel request', () => {
    const r = classifyTunnelRequest([['host', 'abcdefghij.loca.lt']], '192.168.1.5', hosts, true)
    expect(r).toEqual({ via: 'local', forwardedFor: null })
  })
  it('a plain local request is local', () => {
    expect(classifyTunnelRequest([['Host', 'localhost:8787']], '127.0.0.1', hosts, true).via).toBe(
      'local',
    )
  })
})

describe('reminder page', () => {
  it('recognises the reminder page and not ordinary answers', () => {
    const page =
      '<!DOCTYPE html><html><body><h1>Friendly Reminder</h1> set bypass-tunnel-reminder</body></html>'
    expect(isReminderPage(511, 'text/html', page)).toBe(true)
    expect(isReminderPage(200, 'text/plain', 'ok')).toBe(false)
    expect(isReminderPage(200, 'application/json', '{"bypass-tunnel-reminder":1}')).toBe(false)
    expect(isReminderPage(200, 'text/html', '<html>my own app</html>')).toBe(false)
  })
  it('tells browser user agents apart', () => {
    expect(isBrowserUserAgent('Mozilla/5.0 (X11; Linux x86_64) Chrome/120')).toBe(true)
    expect(isBrowserUserAgent('node')).toBe(false)
    expect(isBrowserUserAgent(undefined)).toBe(false)
  })
})
