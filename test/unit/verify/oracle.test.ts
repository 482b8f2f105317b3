// Property tests against the official libraries: random bodies, ids, timestamps and secrets are
// signed by standardwebhooks, svix, stripe and @octokit/webhooks-methods; our verdict must agree
// with the library's own verify (including its time window), and one mutated byte is invalid.
import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { Webhook as StandardWebhook } from 'standardwebhooks'
import { Webhook as SvixWebhook } from 'svix'
import Stripe from 'stripe'
import { sign as octoSign, verify as octoVerify } from '@octokit/webhooks-methods'
import { verifyRequest } from '../../../electron/core/verify'
import type { HeaderPair } from '../../../shared/event'
import { request } from './helpers'

const CASES = 200

/** Small seeded PRNG so a failure is reproducible. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const ALPHABET =
  'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 {}[]":,.\n\r\t\\/é€😀'

function randomText(r: () => number, max = 400): string {
  const n = Math.floor(r() * max)
  let s = ''
  for (let i = 0; i < n; i++) s += [...ALPHABET][Math.floor(r() * [...ALPHABET].length)]
  return r() < 0.3 ? JSON.stringify({ id: `evt_${Math.floor(r() * 1e9)}`, data: s }) : s || 'x'
}

/** Replaces one byte with a different value. */
function mutate(body: Buffer, r: () => number): Buffer {
  const out = Buffer.from(body)
  const i = Math.floor(r() * out.length)
  out[i] = (out[i] + 1 + Math.floor(r() * 254)) % 256
  return out
}

async function ours(
  scheme: string,
  secret: string,
  headers: HeaderPair[],
  body: Buffer,
  nowSec: number,
) {
  return verifyRequest(request(headers, body, nowSec), [{ id: 'o', scheme, secrets: [secret] }])
}

function libAccepts(fn: () => unknown): boolean {
  try {
    fn()
    return true
  } catch {
    return false
  }
}

describe.each([
  ['standard-webhooks', StandardWebhook, 'webhook'],
  ['svix', SvixWebhook, 'svix'],
] as const)('%s oracle', (scheme, Lib, brand) => {
  it(`agrees with the library on ${CASES} random cases and rejects one-byte mutations`, async () => {
    const r = rng(scheme.length * 7919)
    const realNow = Date.now
    try {
      for (let i = 0; i < CASES; i++) {
        const secret = 'whsec_' + randomBytes(24 + Math.floor(r() * 40)).toString('base64')
        const lib = new Lib(secret)
        // The libraries JSON-parse what they verify, so these bodies are always JSON.
        const body = Buffer.from(JSON.stringify({ text: randomText(r) }), 'utf8')
        const id = `msg_${randomBytes(8).toString('hex')}`
        const nowSec = 1_600_000_000 + Math.floor(r() * 200_000_000)
        const ts = nowSec + Math.floor(r() * 800) - 400
        const sig = lib.sign(id, new Date(ts * 1000), body)
        const headers: HeaderPair[] = [
          [`${brand}-id`, id],
          [`${brand}-timestamp`, String(ts)],
          [`${brand}-signature`, sig],
        ]
        Date.now = () => nowSec * 1000
        const libOk = libAccepts(() => lib.verify(body, Object.fromEntries(headers)))
        const got = await ours(scheme, secret, headers, body, nowSec)
        expect(got.status === 'valid', `case ${i}: ${got.reason}`).toBe(libOk)
        expect(Math.abs(ts - nowSec) <= 300).toBe(libOk)
        const bad = mutate(body, r)
        const mutated = await ours(scheme, secret, headers, bad, nowSec)
        expect(mutated.status).toBe('invalid')
        expect(libAccepts(() => lib.verify(bad, Object.fromEntries(headers)))).toBe(false)
      }
    } finally {
      Date.now = realNow
    }
  })
})

describe('stripe oracle', () => {
  const stripe = new Stripe('sk_test_oracle')
  it(`agrees with stripe.webhooks on ${CASES} random cases and rejects one-byte mutations`, async () => {
    const r = rng(4242)
    for (let i = 0; i < CASES; i++) {
      const secret = 'whsec_' + randomBytes(16).toString('hex')
      const payload = randomText(r)
      const nowSec = 1_600_000_000 + Math.floor(r() * 200_000_000)
      const ts = nowSec - Math.floor(r() * 600) + 150
      const header = stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp: ts })
      const libOk = libAccepts(() =>
        stripe.webhooks.signature!.verifyHeader(
          payload,
          header,
          secret,
          300,
          undefined,
          nowSec * 1000,
        ),
      )
      const body = Buffer.from(payload, 'utf8')
      const got = await ours('stripe', secret, [['Stripe-Signature', header]], body, nowSec)
      expect(got.status === 'valid', `case ${i}: ${got.reason}`).toBe(libOk)
      const bad = mutate(body, r)
      expect(
        (await ours('stripe', secret, [['Stripe-Signature', header]], bad, nowSec)).status,
      ).toBe('invalid')
      // The library judges the same mutated bytes (as a Buffer, so invalid UTF-8 stays distinct).
      expect(
        libAccepts(() => stripe.webhooks.signature!.verifyHeader(bad, header, secret, 0)),
      ).toBe(false)
    }
  })
})

describe('@octokit/webhooks-methods oracle', () => {
  it(`agrees with octokit verify on ${CASES} random cases and rejects one-character mutations`, async () => {
    const r = rng(777)
    for (let i = 0; i < CASES; i++) {
      const secret = randomText(r, 40) || 's'
      const payload = randomText(r)
      const signature = await octoSign(secret, payload)
      expect(await octoVerify(secret, payload, signature)).toBe(true)
      const got = await ours(
        'github',
        secret,
        [['X-Hub-Signature-256', signature]],
        Buffer.from(payload),
        1,
      )
      expect(got.status, `case ${i}: ${got.reason}`).toBe('valid')
      const chars = [...payload]
      const at = Math.floor(r() * chars.length)
      chars[at] = chars[at] === 'a' ? 'b' : 'a'
      const changed = chars.join('')
      const bad = await ours(
        'github',
        secret,
        [['X-Hub-Signature-256', signature]],
        Buffer.from(changed),
        1,
      )
      expect(bad.status).toBe(
        await octoVerify(secret, changed, signature).then((ok) => (ok ? 'valid' : 'invalid')),
      )
      expect(bad.status).toBe('invalid')
      const otherSig = signature.slice(0, -1) + (signature.endsWith('0') ? '1' : '0')
      const badSig = await ours(
        'github',
        secret,
        [['X-Hub-Signature-256', otherSig]],
        Buffer.from(payload),
        1,
      )
      expect(badSig.status).toBe('invalid')
    }
  })
})
