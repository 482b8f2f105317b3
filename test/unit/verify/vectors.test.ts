// Every vector of the signature catalog gives its expected verdict through verifyRequest,
// and auto-detection finds each vector's scheme family from its headers.
import { describe, expect, it } from 'vitest'
import { detectScheme, verifyRequest } from '../../../electron/core/verify'
import { loadVectors, vectorInput } from './helpers'

const vectors = loadVectors()

// Schemes that share headers with another one: detection names the catalog's first choice.
const DETECTED_AS: Record<string, string> = { clerk: 'svix', resend: 'svix' }

describe('catalog vectors', () => {
  it('has the whole file', () => {
    expect(vectors.length).toBeGreaterThanOrEqual(80)
    expect(new Set(vectors.map((v) => v.scheme)).size).toBe(26)
  })

  it.each(vectors.map((v) => [v.id, v] as const))('%s', async (_id, v) => {
    const r = await verifyRequest(vectorInput(v), [
      { id: 'v', scheme: v.scheme, secrets: [v.secret] },
    ])
    expect(r.status, r.reason).toBe(v.expect)
    expect(r.scheme).toBe(v.scheme)
    expect(r.reason.length).toBeGreaterThan(10)
    if (v.expect === 'invalid') expect(r.diagnosis?.message).toBe(r.reason)
  })

  it.each(vectors.map((v) => [v.id, v] as const))('%s is detected', (_id, v) => {
    const input = vectorInput(v)
    expect(detectScheme(input.headers, input.body)).toBe(DETECTED_AS[v.scheme] ?? v.scheme)
  })

  it.each(vectors.filter((v) => v.expect === 'valid').map((v) => [v.id, v] as const))(
    '%s verifies with scheme auto',
    async (_id, v) => {
      const r = await verifyRequest(vectorInput(v), [
        { id: 'a', scheme: 'auto', secrets: [v.secret] },
      ])
      expect(r.status, r.reason).toBe('valid')
    },
  )
})
