/**
 * The scheme list (electron/core/verify/schemes) is the one table: walking it, every scheme
 * has vectors, signs a request its own verifier accepts (or says why it cannot), is found by
 * auto-detection, and the registry, the replay signers and header detection expose exactly
 * the listed ids — so a scheme missing a piece fails here.
 */
import { describe, expect, it } from 'vitest'
import { detectScheme, SCHEME_IDS, verifyRequest } from '../../../electron/core/verify'
import { SCHEMES } from '../../../electron/core/verify/schemes'
import { isUnsignable } from '../../../electron/core/verify/scheme-definition'
import { resign, SIGNERS, UNSIGNABLE } from '../../../electron/core/replay'
import { HEADER_PLATFORMS } from '../../../electron/core/inspect/platforms/by-header'
import { classify } from '../../../electron/core/inspect/classify'
import type { HeaderPair } from '../../../shared/event'
import { loadVectors, vectorInput } from './helpers'

const vectors = loadVectors()
const ids = SCHEMES.map((d) => d.id)
/** The generic hmac has no fixed headers, so no catalog vector: its signer is tested in signers.test. */
const CATALOG = SCHEMES.filter((d) => d.id !== 'hmac')

describe('the scheme list', () => {
  it('has one definition per id, and the registry and signers expose exactly those ids', () => {
    expect(new Set(ids).size).toBe(ids.length)
    expect(SCHEME_IDS).toEqual(ids)
    const signable = [...SIGNERS.keys()]
    const unsignable = Object.keys(UNSIGNABLE)
    expect(signable.filter((id) => unsignable.includes(id))).toEqual([])
    expect(new Set([...signable, ...unsignable])).toEqual(new Set(ids))
    for (const d of SCHEMES) {
      if (isUnsignable(d.signing)) expect(d.signing.unsignable.length, d.id).toBeGreaterThan(10)
    }
  })

  it('detects every scheme (or names the scheme it is detected as); only hmac is never guessed', () => {
    for (const d of SCHEMES) {
      if (d.detect === null) expect(d.id).toBe('hmac')
      else if (typeof d.detect === 'object') expect(ids, d.id).toContain(d.detect.as)
    }
  })

  it('derives header platform detection from the definitions that give a hint', () => {
    const hinted = SCHEMES.filter((d) => d.platform).map((d) => d.platform!.platform)
    expect(HEADER_PLATFORMS.map((p) => p.platform)).toEqual(hinted)
    for (const p of HEADER_PLATFORMS)
      expect(p.headers.length > 0 || !!p.matches, p.platform).toBe(true)
  })

  it.each(CATALOG.map((d) => [d.id, d] as const))('%s has a valid vector, detected', (id, d) => {
    const valid = vectors.filter((v) => v.scheme === id && v.expect === 'valid')
    expect(valid.length, `${id} needs a valid vector`).toBeGreaterThan(0)
    const input = vectorInput(valid[0])
    const want = d.detect && typeof d.detect === 'object' ? d.detect.as : id
    expect(detectScheme(input.headers, input.body)).toBe(want)
  })

  it.each(CATALOG.map((d) => [d.id, d] as const))(
    '%s signs what its own verifier accepts, or says why it cannot',
    async (id, d) => {
      const v = vectors.find((x) => x.scheme === id && x.expect === 'valid')!
      const input = vectorInput(v)
      // Later than the vector, so a timestamped scheme must write a fresh timestamp.
      const nowSec = v.now + 7
      const verifier = typeof d.verifier === 'function' ? null : d.verifier
      // Without the captured signature headers, the signer must write them itself.
      const own = new Set(verifier?.headers ?? [])
      const stripped: HeaderPair[] = input.headers.filter(([k]) => !own.has(k.toLowerCase()))
      const r = resign({
        method: input.method,
        headers: stripped,
        body: input.body,
        scheme: id,
        sources: { overrides: { [id]: v.secret } },
        nowSec,
        newId: false,
        url: input.url,
      })
      if (isUnsignable(d.signing)) {
        expect(r.signed).toBe(false)
        expect(r.notes[0]).toBe(`not re-signed: ${d.signing.unsignable}`)
        return
      }
      expect(r.signed, r.notes.join(' ')).toBe(true)
      const after = await verifyRequest(
        { ...input, headers: r.headers, receivedAt: new Date(nowSec * 1000) },
        [{ id: 'v', scheme: id, secrets: [v.secret] }],
      )
      expect(after.status, after.reason).toBe('valid')
      expect(after.scheme).toBe(id)
    },
  )

  it('classifies a hinted platform from its headers', () => {
    for (const d of SCHEMES.filter((x) => x.platform && !x.platform.matches)) {
      const v = vectors.find((x) => x.scheme === d.id)
      if (!v) continue
      const input = vectorInput(v)
      const c = classify({ method: 'POST', path: '/', headers: input.headers, body: input.body })
      expect(c.platform, d.id).toBe(d.platform!.platform)
    }
  })

  it('a secret the verifier could not use is not used to sign either, and the note says why', () => {
    const r = resign({
      method: 'POST',
      headers: [['webhook-signature', 'v1,AAAA']],
      body: Buffer.from('{}'),
      scheme: 'standard-webhooks',
      sources: { overrides: { 'standard-webhooks': 'whsec_!!not-base64!!' } },
      nowSec: 5,
      newId: false,
      url: 'http://x',
    })
    expect(r.signed).toBe(false)
    expect(r.notes[0]).toBe(
      'not re-signed: the standard-webhooks secret from --secret cannot sign: the secret is not base64 after the whsec_ prefix',
    )
  })
})
