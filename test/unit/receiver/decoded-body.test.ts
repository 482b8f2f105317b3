/** The on-demand decoded view of compressed bodies, with its cap and bomb flag. */
import { describe, expect, it } from 'vitest'
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib'
import { decodeBodyView } from '../../../electron/core/receiver/decoded-body'

describe('decodeBodyView', () => {
  const text = '{"event":"execution.completed","execution_id":"exec_abc"}'
  it.each([
    ['gzip', gzipSync],
    ['deflate', deflateSync],
    ['br', brotliCompressSync],
  ] as const)('%s', async (encoding, compress) => {
    const view = await decodeBodyView(compress(Buffer.from(text)), encoding)
    expect(view).toMatchObject({
      encoding,
      body: text,
      bodyEncoding: 'utf8',
      truncated: false,
      bomb: false,
    })
  })

  it('identity bodies come back as they are', async () => {
    const view = await decodeBodyView(Buffer.from([0xff, 1]), undefined)
    expect(view).toMatchObject({ encoding: 'identity', bodyEncoding: 'base64', size: 2 })
  })

  it('a decompression bomb is flagged and capped, never fatal', async () => {
    const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024))
    const view = await decodeBodyView(bomb, 'gzip', 1024 * 1024)
    expect(view.bomb).toBe(true)
    expect(view.truncated).toBe(true)
    expect(view.size).toBe(1024 * 1024)
  })

  it('a corrupt stream reports an error instead of throwing', async () => {
    const view = await decodeBodyView(Buffer.from('not gzip at all'), 'gzip')
    expect(view.error).toMatch(/could not decode/)
  })
})
