/**
 * Small building blocks the sample senders (replay/samples) share with the signers: HMAC over
 * parts, Standard Webhooks keys, fresh message ids.
 */
import { createHmac } from 'node:crypto'

export { freshMessageId, freshUuid } from '../../verify/schemes/parts/fresh-ids'

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
