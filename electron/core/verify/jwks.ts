/**
 * JSON Web Key Sets for a2a-jwt: turning a JWKS (or one JWK, or a PEM key) into public keys by
 * kid, and a fetching cache for JWKS URLs that refetches when an unknown kid shows up.
 */
import { createPublicKey, KeyObject } from 'node:crypto'
import type { JwksProvider } from './types'
import { KeyError } from './types'

export type KeySet = Map<string | undefined, KeyObject>

export function keysFromJwks(doc: unknown): KeySet {
  const keys: KeySet = new Map()
  const list = (doc as { keys?: unknown })?.keys
  const jwks = Array.isArray(list) ? list : [doc]
  for (const jwk of jwks) {
    if (!jwk || typeof jwk !== 'object') continue
    try {
      const key = createPublicKey({ key: jwk as import('node:crypto').JsonWebKey, format: 'jwk' })
      keys.set((jwk as { kid?: string }).kid, key)
    } catch {
      // A key we cannot use (private-only, unknown kty) is skipped, not fatal.
    }
  }
  if (keys.size === 0) throw new KeyError('the key set has no usable public key')
  return keys
}

/** Parses an inline key: JWKS JSON, a single JWK, or a PEM public key. */
export function parseInlineKeys(secret: string): KeySet {
  const s = secret.trim()
  if (s.startsWith('-----BEGIN')) {
    try {
      return new Map([[undefined, createPublicKey(s)]])
    } catch {
      throw new KeyError('the PEM public key cannot be read')
    }
  }
  let doc: unknown
  try {
    doc = JSON.parse(s)
  } catch {
    // JSON.parse errors quote the input; never pass them on.
    throw new KeyError('the key is neither a JWKS URL, JWKS JSON nor a PEM public key')
  }
  return keysFromJwks(doc)
}

export function pickKey(keys: KeySet, kid: string | undefined): KeyObject | null {
  if (keys.has(kid)) return keys.get(kid)!
  if (kid === undefined && keys.size === 1) return [...keys.values()][0]
  return null
}

export interface JwksCacheOptions {
  fetch?: typeof fetch
  /** How long a fetched set is trusted; an unknown kid refetches sooner (at most every minInterval). */
  ttlMs?: number
  minIntervalMs?: number
  timeoutMs?: number
  now?: () => number
}

interface Entry {
  keys: KeySet
  fetchedAt: number
}

export class JwksCache implements JwksProvider {
  private entries = new Map<string, Entry>()
  private inflight = new Map<string, Promise<Entry>>()

  constructor(private readonly opts: JwksCacheOptions = {}) {}

  async getKey(url: string, kid: string | undefined): Promise<KeyObject | null> {
    const now = (this.opts.now ?? Date.now)()
    let entry = this.entries.get(url)
    const ttl = this.opts.ttlMs ?? 10 * 60_000
    const stale = !entry || now - entry.fetchedAt > ttl
    const unknownKid =
      entry &&
      !pickKey(entry.keys, kid) &&
      now - entry.fetchedAt > (this.opts.minIntervalMs ?? 30_000)
    if (stale || unknownKid) entry = await this.refresh(url)
    return entry ? pickKey(entry.keys, kid) : null
  }

  private refresh(url: string): Promise<Entry> {
    const running = this.inflight.get(url)
    if (running) return running
    const p = this.load(url).finally(() => this.inflight.delete(url))
    this.inflight.set(url, p)
    return p
  }

  private async load(url: string): Promise<Entry> {
    const doFetch = this.opts.fetch ?? fetch
    let res: Response
    try {
      res = await doFetch(url, { signal: AbortSignal.timeout(this.opts.timeoutMs ?? 5000) })
    } catch {
      throw new KeyError('the JWKS URL could not be fetched')
    }
    if (!res.ok) throw new KeyError(`the JWKS URL answered HTTP ${res.status}`)
    let doc: unknown
    try {
      doc = await res.json()
    } catch {
      throw new KeyError('the JWKS URL did not return JSON')
    }
    const entry = { keys: keysFromJwks(doc), fetchedAt: (this.opts.now ?? Date.now)() }
    this.entries.set(url, entry)
    return entry
  }
}
