/** Small building blocks the scheme signers share: HMAC, header lookup, fresh ids. */
import { createHmac, randomBytes, randomUUID } from 'node:crypto'
import type { HeaderPair } from '../../../../shared/event'

export type HmacAlgorithm = 'sha1' | 'sha256' | 'sha512'
export type DigestEncoding = 'hex' | 'base64' | 'base64url'

export function hmac(
  algorithm: HmacAlgorithm,
  key: string | Buffer,
  parts: (string | Buffer)[],
  encoding: DigestEncoding,
): string {
  const mac = createHmac(algorithm, key)
  for (const p of parts) mac.update(p)
  return mac.digest(encoding)
}

/** Standard Webhooks / Svix keys: `whsec_` + base64; the HMAC key is the decoded bytes. */
export function whsecKey(secret: string): Buffer {
  const raw = secret.trim().replace(/^whsec_/, '')
  return Buffer.from(raw, 'base64')
}

export function getHeader(headers: HeaderPair[], name: string): string | undefined {
  const lower = name.toLowerCase()
  for (const [k, v] of headers) if (k.toLowerCase() === lower) return v
  return undefined
}

export function hasHeader(headers: HeaderPair[], name: string): boolean {
  return getHeader(headers, name) !== undefined
}

/** A message id in the style Svix / Standard Webhooks senders use (`msg_` + 27 chars). */
export function freshMessageId(): string {
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
  const bytes = randomBytes(27)
  let out = 'msg_'
  for (const b of bytes) out += alphabet[b % alphabet.length]
  return out
}

export function freshUuid(): string {
  return randomUUID()
}
