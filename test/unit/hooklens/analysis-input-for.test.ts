/**
 * Capture builds its AnalysisInput from the raw request and the new id and digest without
 * copying the request (`analysisInputFor`); the result must be what `analysisInput` gives for
 * the copied request: same fields, same order, same URLs.
 */
import { describe, expect, it } from 'vitest'
import { analysisInput, analysisInputFor } from '../../../electron/core/hooklens/analysis-input'

describe('analysisInputFor', () => {
  it('equals analysisInput over the spread request, local and tunnel, with and without query', () => {
    const body = Buffer.from('{"a":1}')
    for (const via of ['local', 'tunnel'] as const)
      for (const query of ['', 'x=1&y=%20'])
        for (const pub of [null, 'https://abc.example.dev']) {
          const raw = {
            receivedAt: new Date('2026-12-01T10:00:00.000Z'),
            method: 'POST',
            path: '/hooks/a',
            query,
            headers: [['content-type', 'application/json']] as [string, string][],
            body,
            remoteAddress: '127.0.0.1',
            via,
            forwardedFor: null,
            ...(via === 'tunnel' ? { rejected: undefined } : {}),
          }
          const urls = { local: 'http://127.0.0.1:9000', public: pub }
          const want = analysisInput({ ...raw, id: 'ID1', sha256: 'abc' }, urls)
          const got = analysisInputFor(raw, 'ID1', 'abc', urls)
          expect(got).toEqual(want)
          expect(Object.keys(got)).toEqual(Object.keys(want))
          expect(got.body).toBe(body)
          expect(got.headers).toBe(raw.headers)
        }
  })
})
