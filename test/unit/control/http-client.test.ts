import { describe, expect, it } from 'vitest'
import { createHttpClient, readEvents } from '../../../shared/http-client'

function streamOf(chunks: string[]): ReadableStream<Uint8Array> {
  const enc = new TextEncoder()
  return new ReadableStream({
    start(c) {
      for (const ch of chunks) c.enqueue(enc.encode(ch))
      c.close()
    },
  })
}

describe('HTTP client', () => {
  it('reads SSE events split across chunks, skipping comments', async () => {
    const got: string[] = []
    await readEvents(
      streamOf([': hello\n\nda', 'ta: {"a":1}\n', '\ndata: x\ndata: y\n\n: ping\n\n']),
      (d) => got.push(d),
    )
    expect(got).toEqual(['{"a":1}', 'x\ny'])
  })

  it('posts the argument as JSON, unwraps {result} and raises {error} with the status', async () => {
    const seen: { url: string; init: RequestInit }[] = []
    const fake = (async (url: string, init: RequestInit) => {
      seen.push({ url, init })
      if (url.endsWith('/api/getEvent')) return new Response(JSON.stringify({ result: null }))
      return new Response(JSON.stringify({ error: 'getStatus is not available' }), { status: 501 })
    }) as unknown as typeof fetch
    const client = createHttpClient({ baseUrl: 'http://127.0.0.1:1/', token: 't0k', fetch: fake })
    expect(await client.getEvent({ id: 'x' })).toBeNull()
    expect(seen[0].url).toBe('http://127.0.0.1:1/api/getEvent')
    expect(seen[0].init.body).toBe('{"id":"x"}')
    expect((seen[0].init.headers as Record<string, string>).authorization).toBe('Bearer t0k')
    await expect(client.getStatus({})).rejects.toMatchObject({
      status: 501,
      message: 'getStatus is not available',
    })
  })
})
