/** Bytes ↔ the contract's `{body, bodyEncoding}` pair: UTF-8 text when valid, else base64. */
import { isUtf8 } from 'node:buffer'
import type { BodyEncoding } from '../../../shared/event'

export function encodeBody(bytes: Buffer): { body: string; bodyEncoding: BodyEncoding } {
  if (isUtf8(bytes)) return { body: bytes.toString('utf8'), bodyEncoding: 'utf8' }
  return { body: bytes.toString('base64'), bodyEncoding: 'base64' }
}

export function decodeBody(body: string, bodyEncoding: BodyEncoding): Buffer {
  return Buffer.from(body, bodyEncoding === 'base64' ? 'base64' : 'utf8')
}
