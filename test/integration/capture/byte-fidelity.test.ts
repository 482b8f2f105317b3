/**
 * Byte fidelity of the capture path, over real HTTP on loopback into a real event log:
 * what the sender put on the wire is exactly what is stored and shown.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { randomBytes } from 'node:crypto'
import { gzipSync as gzip } from 'node:zlib'
import { createHooklens, type Hooklens } from '../../../electron/core/hooklens/hooklens'
import { EventStore } from '../../../electron/core/store/event-store'
import { rawRequest } from '../../helpers/raw-http'
import { tempDir } from '../../helpers/temp-dir'

let h: Hooklens
let dir: { dir: string; cleanup: () => Promise<void> }

beforeAll(async () => {
  dir = await tempDir()
  h = await createHooklens({ dataDir: dir.dir, port: 0 })
  await h.start()
})
afterAll(async () => {
  await h.stop()
  await dir.cleanup()
})

async function post(body: Buffer, headers: Record<string, string> = {}, path = '/hook') {
  const res = await fetch(`${h.receiverUrl}${path}`, {
    method: 'POST',
    body: new Uint8Array(body),
    headers,
  })
  expect(res.status).toBe(200)
  const events = h.store.list()
  return events[events.length - 1]
}

describe('the stored body is the exact bytes sent', () => {
  const cases: [string, Buffer, Record<string, string>][] = [
    ['binary', randomBytes(4096), { 'content-type': 'application/octet-stream' }],
    ['empty', Buffer.alloc(0), { 'content-type': 'application/json' }],
    [
      'invalid UTF-8',
      Buffer.from([0x7b, 0xff, 0xfe, 0x22, 0xc3, 0x28, 0x7d]),
      { 'content-type': 'application/json' },
    ],
    ['5 MiB', randomBytes(5 * 1024 * 1024), { 'content-type': 'application/octet-stream' }],
    [
      'gzip (kept compressed)',
      gzip(Buffer.from('{"hello":"world"}'.repeat(100))),
      { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    ],
    [
      'JSON with odd spacing and unicode',
      Buffer.from('{ "b" :1,\n"a":"é\\u00e9"  }\n'),
      { 'content-type': 'application/json' },
    ],
  ]
  for (const [name, body, headers] of cases) {
    it(name, async () => {
      const event = await post(body, headers)
      expect(event.size).toBe(body.length)
      const stored = await h.store.readBody(event.id)
      expect(stored!.equals(body)).toBe(true)
      const full = await h.store.getFull(event.id)
      const decoded = Buffer.from(full!.body, full!.bodyEncoding === 'base64' ? 'base64' : 'utf8')
      expect(decoded.equals(body)).toBe(true)
    })
  }

  it('multipart bodies are not parsed', async () => {
    const boundary = '----hooklens123'
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.bin"\r\n\r\n`,
      ),
      randomBytes(300),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ])
    const event = await post(body, { 'content-type': `multipart/form-data; boundary=${boundary}` })
    expect((await h.store.readBody(event.id))!.equals(body)).toBe(true)
  })

  it('the gzip view decodes on demand while the stored bytes stay compressed', async () => {
    const text = '{"event":"execution.completed"}'
    const event = await post(gzip(Buffer.from(text)), { 'content-encoding': 'gzip' })
    const api = h.api
    const view = await api.getDecodedBody({ id: event.id })
    expect(view).toMatchObject({ encoding: 'gzip', body: text, truncated: false, bomb: false })
    expect((await h.store.readBody(event.id))![0]).toBe(0x1f)
  })
})

describe('headers', () => {
  it('keeps arrival order, original case and duplicates', async () => {
    const res = await rawRequest(
      h.receiverPort,
      [
        'POST /hdr?b=2&a=1 HTTP/1.1',
        'Host: example.test',
        'X-Zeta: last-alphabet-first',
        'x-dup: one',
        'Content-Type: text/plain',
        'X-DUP: two',
        'webhook-ID: msg_1',
        'Content-Length: 2',
      ],
      Buffer.from('hi'),
    )
    expect(res.status).toBe(200)
    const event = h.store.list().at(-1)!
    expect(event.path).toBe('/hdr')
    expect(event.query).toBe('b=2&a=1')
    expect(event.headers).toEqual([
      ['Host', 'example.test'],
      ['X-Zeta', 'last-alphabet-first'],
      ['x-dup', 'one'],
      ['Content-Type', 'text/plain'],
      ['X-DUP', 'two'],
      ['webhook-ID', 'msg_1'],
      ['Content-Length', '2'],
      ['Connection', 'close'],
    ])
  })

  it('records the peer address and X-Forwarded-For', async () => {
    await rawRequest(h.receiverPort, [
      'POST /xff HTTP/1.1',
      'Host: x',
      'X-Forwarded-For: 203.0.113.7, 10.0.0.1',
      'Content-Length: 0',
    ])
    const event = h.store.list().at(-1)!
    expect(event.remoteAddress).toMatch(/127\.0\.0\.1/)
    // The last entry: the one the hop in front of us appended; earlier ones are the sender's
    // own words (12.3).
    expect(event.forwardedFor).toBe('10.0.0.1')
  })
})

describe('methods', () => {
  for (const method of [
    'GET',
    'HEAD',
    'OPTIONS',
    'PATCH',
    'DELETE',
    'PUT',
    'PURGE',
    'PROPFIND',
    'REPORT',
  ]) {
    it(`${method} on any path is recorded`, async () => {
      const path = `/m/${method.toLowerCase()}/deep/er`
      const res = await rawRequest(
        h.receiverPort,
        [`${method} ${path} HTTP/1.1`, 'Host: x', 'Content-Length: 3'],
        Buffer.from('abc'),
      )
      expect(res.status).toBe(200)
      const event = h.store.list().at(-1)!
      expect([event.method, event.path]).toEqual([method, path])
      expect((await h.store.readBody(event.id))!.toString()).toBe('abc')
    })
  }
})

describe('a second process reads the log while this one writes', () => {
  it('read-only open sees every acknowledged event', async () => {
    await post(Buffer.from('visible to the CLI'))
    const reader = await EventStore.open({ dir: dir.dir, readOnly: true })
    expect(reader.count).toBe(h.store.count)
    const last = reader.list().at(-1)!
    expect((await reader.readBody(last.id))!.toString()).toBe('visible to the CLI')
    await reader.close()
  })
})
