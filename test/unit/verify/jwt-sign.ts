/** Test helper: signs A2A-style JWTs with a freshly generated key (no library, node:crypto only). */
import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto'

export interface TestKey {
  kid: string
  privateKey: KeyObject
  jwk: Record<string, unknown>
}

export function rsaKey(kid: string): TestKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  return {
    kid,
    privateKey,
    jwk: { ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' },
  }
}

export function jwks(...keys: TestKey[]): string {
  return JSON.stringify({ keys: keys.map((k) => k.jwk) })
}

const b64url = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url')

export function a2aJwt(
  key: TestKey,
  body: string,
  iat: number,
  claims: Record<string, unknown> = {},
): string {
  const hash = createHash('sha256')
    .update(JSON.stringify(JSON.parse(body)))
    .digest('hex')
  const input = `${b64url({ alg: 'RS256', typ: 'JWT', kid: key.kid })}.${b64url({ iat, request_body_sha256: hash, ...claims })}`
  return `${input}.${sign('sha256', Buffer.from(input), key.privateKey).toString('base64url')}`
}
