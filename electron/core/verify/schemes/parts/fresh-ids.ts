/**
 * Fresh message ids for re-signed requests that ask for a new one, and the helper that swaps
 * a scheme's delivery-id header (and says so in a note).
 */
import { randomBytes, randomUUID } from 'node:crypto'
import type { HeaderPair } from '../../../../../shared/event'
import { setHeader } from '../../../../../shared/headers'
import type { SignContext, SignResult } from '../../scheme-definition'

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

/** Keeps the captured delivery id unless the caller asked for a new one. */
export function withNewId(
  ctx: SignContext,
  headers: HeaderPair[],
  idHeader: string,
  make: () => string = freshUuid,
): SignResult {
  if (!ctx.newId) return { headers, notes: [] }
  const id = make()
  return { headers: setHeader(headers, idHeader, id), notes: [`new ${idHeader} ${id}`] }
}
