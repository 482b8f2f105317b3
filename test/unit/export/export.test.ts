import { describe, expect, it } from 'vitest'
import { execFile } from 'node:child_process'
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { exportEvents, toCurl, toHar } from '../../../electron/core/export'
import { validateHar } from '../../helpers/validate-har'
import { makeEvent } from './fixtures'

const binary = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0xff, 0x00, 0x27, 0x0a, 0x80])

describe('HAR export', () => {
  it('produces a structurally valid HAR 1.2 log with the exact request', () => {
    const json = makeEvent({ query: 'a=1&b=x%20y' })
    const bin = makeEvent({ id: '01JZZZZZZZZZZZZZZZZZZZZZZ2', bytes: binary })
    const out = exportEvents([bin, json], 'har', { baseUrl: 'http://127.0.0.1:4000' })
    const doc = JSON.parse(out.content)
    expect(validateHar(doc)).toEqual([])
    expect(out.filename).toMatch(/\.har$/)
    const [first, second] = doc.log.entries
    expect(first._hooklens.id).toBe(json.id)
    expect(first.request.url).toBe('http://127.0.0.1:4000/hooks/stripe?a=1&b=x%20y')
    expect(first.request.queryString).toEqual([
      { name: 'a', value: '1' },
      { name: 'b', value: 'x y' },
    ])
    expect(first.request.headers[2]).toEqual({ name: 'Stripe-Signature', value: 't=1,v1=abc' })
    expect(first.request.postData.text).toBe(json.body)
    expect(first.response.status).toBe(200)
    expect(first.response.statusText).toBe('OK')
    expect(second.request.postData._encoding).toBe('base64')
    expect(Buffer.from(second.request.postData.text, 'base64')).toEqual(binary)
  })

  it('lists a form body’s fields in postData.params, the text unchanged', () => {
    const form = makeEvent({
      bytes: Buffer.from('name=Ada+L&x=%3Cy%3E&x=2'),
      headers: [['Content-Type', 'application/x-www-form-urlencoded; charset=utf-8']],
    })
    const entry = toHar([form]).log.entries[0] as unknown as {
      request: { postData: { text: string; params: { name: string; value: string }[] } }
    }
    expect(entry.request.postData.text).toBe('name=Ada+L&x=%3Cy%3E&x=2')
    expect(entry.request.postData.params).toEqual([
      { name: 'name', value: 'Ada L' },
      { name: 'x', value: '<y>' },
      { name: 'x', value: '2' },
    ])
    expect(validateHar(toHar([form]))).toEqual([])
  })

  it('the validator rejects a broken document', () => {
    const doc = toHar([makeEvent()]) as unknown as {
      log: { version: string; entries: { request: object }[] }
    }
    doc.log.version = '1.1'
    delete (doc.log.entries[0].request as Record<string, unknown>).headers
    expect(validateHar(doc).join('\n')).toMatch(/version[\s\S]*request.headers/)
  })
})

describe('JSON export', () => {
  it('is the event contract, oldest first', () => {
    const a = makeEvent({ id: '01A' })
    const b = makeEvent({ id: '01B' })
    const out = exportEvents([b, a], 'json')
    expect(JSON.parse(out.content)).toEqual([a, b])
  })
})

describe('cURL export', () => {
  async function runAgainstServer(cmd: (url: string) => string) {
    const got: { method?: string; headers?: IncomingMessage['headers']; body?: Buffer } = {}
    const server = createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (c) => chunks.push(c))
      req.on('end', () => {
        Object.assign(got, {
          method: req.method,
          headers: req.headers,
          body: Buffer.concat(chunks),
        })
        res.end('ok')
      })
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    try {
      await new Promise<void>((resolve, reject) =>
        execFile('sh', ['-c', cmd(url)], (err) => (err ? reject(err) : resolve())),
      )
    } finally {
      server.close()
    }
    return got
  }

  it('resends a text body with quotes and newlines byte for byte', async () => {
    const bytes = Buffer.from(`{"msg":"it's a \\"test\\"",\n"x":"$HOME \`id\`"}\n`)
    const e = makeEvent({ bytes })
    const got = await runAgainstServer((url) => toCurl(e, { baseUrl: url }) + ' -s -o /dev/null')
    expect(got.method).toBe('POST')
    expect(got.body).toEqual(bytes)
    expect(got.headers?.['stripe-signature']).toBe('t=1,v1=abc')
  })

  it('resends a binary body through base64 -d', async () => {
    const e = makeEvent({ bytes: binary })
    const got = await runAgainstServer((url) => toCurl(e, { baseUrl: url }) + ' -s -o /dev/null')
    expect(got.body).toEqual(binary)
  })

  it('never lets a body make curl read a local file (12.5)', async () => {
    const secretFile = join(tmpdir(), `hooklens-curl-secret-${process.pid}`)
    await writeFile(secretFile, 'LOCAL SECRET')
    try {
      for (const text of [`@${secretFile}`, `@-`, `<${secretFile}`]) {
        const bytes = Buffer.from(text)
        const got = await runAgainstServer(
          (url) => toCurl(makeEvent({ bytes }), { baseUrl: url }) + ' -s -o /dev/null',
        )
        expect(got.body).toEqual(bytes)
      }
    } finally {
      await rm(secretFile, { force: true })
    }
  })

  it('resends a text body with a NUL byte exactly (via stdin)', async () => {
    const bytes = Buffer.from('a\u0000b@c')
    const got = await runAgainstServer(
      (url) => toCurl(makeEvent({ bytes }), { baseUrl: url }) + ' -s -o /dev/null',
    )
    expect(got.body).toEqual(bytes)
  })

  it('the script form lists one command per event', () => {
    const out = exportEvents([makeEvent({ id: '01A' }), makeEvent({ id: '01B' })], 'curl')
    expect(out.content.match(/^curl -X POST/gm)).toHaveLength(2)
    expect(out.content.startsWith('#!/bin/sh')).toBe(true)
  })

  it('fills the HAR response with the headers and body the receiver answered', () => {
    const e = makeEvent({
      bytes: Buffer.from('{}'),
      response: {
        status: 429,
        latencyMs: 2,
        headers: [
          ['content-type', 'application/json'],
          ['Retry-After', '10'],
        ],
        body: '{"error":"Too Many Requests"}',
      },
    })
    const doc = JSON.parse(exportEvents([e], 'har', { baseUrl: 'http://127.0.0.1:4000' }).content)
    expect(validateHar(doc)).toEqual([])
    const r = doc.log.entries[0].response
    expect(r.status).toBe(429)
    expect(r.statusText).toBe('Too Many Requests')
    expect(r.headers).toEqual([
      { name: 'content-type', value: 'application/json' },
      { name: 'Retry-After', value: '10' },
    ])
    expect(r.content).toEqual({
      size: 29,
      mimeType: 'application/json',
      text: '{"error":"Too Many Requests"}',
    })
  })
})
