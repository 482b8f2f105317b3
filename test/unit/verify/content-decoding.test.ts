// Issue 13 #10: a Standard Webhooks signature over the uncompressed JSON, sent with
// Content-Encoding: gzip (or br / deflate), verifies and is classified over the decoded body,
// and the verdict says which bytes the signature matched.
import { createHmac } from 'node:crypto'
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { verifyRequest, type VerifierConfig } from '../../../electron/core/verify'
import { classify } from '../../../electron/core/inspect/classify'
import { decodeContent } from '../../../electron/core/verify/content-decoding'
import { request } from './helpers'

const NOW = 1_700_000_000
const WHSEC = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'
const KEY = Buffer.from(WHSEC.slice(6), 'base64')
const JSON_BODY = '{"type":"invoice.paid","data":{"id":"in_1"}}'
const verifiers: VerifierConfig[] = [
  { id: 'v1', name: 'svix', scheme: 'standard-webhooks', secrets: [WHSEC] },
]

function signed(signedBytes: Buffer, sent: Buffer, encoding: string) {
  const sig = createHmac('sha256', KEY).update(`msg_1.${NOW}.`).update(signedBytes).digest('base64')
  return request(
    {
      'content-type': 'application/json',
      'content-encoding': encoding,
      'webhook-id': 'msg_1',
      'webhook-timestamp': String(NOW),
      'webhook-signature': `v1,${sig}`,
    },
    sent,
    NOW,
  )
}

describe('compressed bodies', () => {
  it.each([
    ['gzip', gzipSync],
    ['br', brotliCompressSync],
    ['deflate', deflateSync],
  ] as const)('verifies a signature over the %s-decoded body and says so', async (enc, zip) => {
    const plain = Buffer.from(JSON_BODY)
    const input = signed(plain, zip(plain), enc)
    const r = await verifyRequest(input, verifiers)
    expect(r.status).toBe('valid')
    expect(r.reason).toContain(`over the ${enc}-decoded body`)
    const c = classify({ method: 'POST', path: '/hooks', headers: input.headers, body: input.body })
    expect(c.platform).toBe('standard-webhooks')
    expect(c.eventType).toBe('invoice.paid')
  })

  it('a signature over the compressed bytes is valid "as sent"', async () => {
    const zipped = gzipSync(Buffer.from(JSON_BODY))
    const r = await verifyRequest(signed(zipped, zipped, 'gzip'), verifiers)
    expect(r.status).toBe('valid')
    expect(r.reason).toContain('gzip-compressed bytes as sent')
  })

  it('a wrong signature is still invalid, checked both ways', async () => {
    const plain = Buffer.from(JSON_BODY)
    const input = signed(Buffer.from('{"other":1}'), gzipSync(plain), 'gzip')
    const r = await verifyRequest(input, verifiers)
    expect(r.status).toBe('invalid')
    expect(r.reason).toContain('compressed bytes and the decoded body')
  })

  it('does not decode past the cap, nor corrupt bytes', () => {
    const big = gzipSync(Buffer.alloc(2048, 'a'))
    expect(decodeContent([['Content-Encoding', 'gzip']], big, 1024)).toBeNull()
    expect(decodeContent([['Content-Encoding', 'gzip']], Buffer.from('nope'))).toBeNull()
    expect(decodeContent([], big)).toBeNull()
  })
})
