/**
 * Who may talk to the control server: a loopback Host (DNS rebinding defence), no foreign
 * Origin (cross-site requests from a page the user happens to visit), and the per-run token
 * — from the session cookie, or an `Authorization: Bearer` header for scripts.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

/**
 * Cookies are not port-scoped: every port of 127.0.0.1 (the receiver, the user's own app) gets
 * the inspector's cookie. The name carries the control port so inspectors of two runs do not
 * overwrite each other, and the receiver strips every cookie with this prefix on capture
 * (receiver/own-cookies.ts) so it is never stored, exported or forwarded.
 */
export const COOKIE_PREFIX = 'hooklens_token'

export function cookieName(port: number | undefined): string {
  return port ? `${COOKIE_PREFIX}_${port}` : COOKIE_PREFIX
}

export function newToken(): string {
  return randomBytes(24).toString('base64url')
}

/** Hashing first gives equal-length buffers, so the comparison time says nothing of the token. */
export function tokenMatches(expected: string, given: string | undefined | null): boolean {
  if (!given) return false
  const a = createHash('sha256').update(expected).digest()
  const b = createHash('sha256').update(given).digest()
  return timingSafeEqual(a, b)
}

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]'])

/**
 * A Host header names a loopback host on the port we listen on. `port` undefined skips the
 * port check (in-process injection has no socket port).
 */
export function isLoopbackHost(host: string | undefined, port: number | undefined): boolean {
  if (!host) return false
  const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(host.trim().toLowerCase())
  if (!m) return false
  if (!LOOPBACK_NAMES.has(m[1])) return false
  if (port === undefined) return true
  return Number(m[2] ?? 80) === port
}

/** An Origin is acceptable when absent or when it is this very server (scheme + Host). */
export function isSameOrigin(origin: string | undefined, host: string | undefined): boolean {
  if (origin === undefined) return true
  if (!host) return false
  return origin.toLowerCase() === `http://${host.toLowerCase()}`
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq < 0) continue
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim()
  }
  return undefined
}

export function bearerToken(header: string | undefined): string | undefined {
  const m = header ? /^Bearer\s+(\S+)$/i.exec(header) : null
  return m ? m[1] : undefined
}

export function sessionCookie(token: string, port: number | undefined): string {
  return `${cookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`
}
