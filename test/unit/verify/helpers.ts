/**
 * Test helpers for the verify suites: the catalog's vectors (copied from
 * shared/signatures/vectors.json into fixtures/) and small request builders.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { HeaderPair } from '../../../shared/event'
import type { VerifyInput } from '../../../electron/core/verify'

export interface Vector {
  id: string
  scheme: string
  secret: string
  headers: Record<string, string>
  method: string
  url: string
  body: string
  now: number
  expect: 'valid' | 'invalid'
  reason: string
}

export const VECTORS_FILE = fileURLToPath(new URL('./fixtures/vectors.json', import.meta.url))

export function loadVectors(): Vector[] {
  return JSON.parse(readFileSync(VECTORS_FILE, 'utf8')) as Vector[]
}

export function vectorInput(v: Vector): VerifyInput {
  return {
    method: v.method,
    url: v.url,
    headers: Object.entries(v.headers) as HeaderPair[],
    body: Buffer.from(v.body, 'utf8'),
    receivedAt: new Date(v.now * 1000),
  }
}

export function request(
  headers: HeaderPair[] | Record<string, string>,
  body: string | Buffer,
  at: number,
  url = 'http://127.0.0.1:9000/hooks',
): VerifyInput {
  return {
    method: 'POST',
    url,
    headers: Array.isArray(headers) ? headers : (Object.entries(headers) as HeaderPair[]),
    body: Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8'),
    receivedAt: new Date(at * 1000),
  }
}
