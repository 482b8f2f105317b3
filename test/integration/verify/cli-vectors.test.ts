// The whole vectors file through `hooklens verify`: every vector written as a request file and
// verified by the CLI's main() (exit 0 valid / 1 not valid, JSON on stdout); a handful also run
// through the real binary, including stdin, bodyBase64 and usage errors (exit 2).
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadVectors, type Vector } from '../../unit/verify/helpers'
import { runBinary, runInProcess } from './cli-helpers'
import { makeTempDir, removeTempDir } from '../../helpers/temp-dir'

const vectors = loadVectors()
let dir: string
const fileOf = (v: Vector) => join(dir, `${v.id.replace(/[^a-z0-9-]/gi, '_')}.json`)

beforeAll(async () => {
  dir = await makeTempDir('hooklens-verify-cli-')
  for (const v of vectors) {
    await writeFile(
      fileOf(v),
      JSON.stringify({ method: v.method, url: v.url, headers: v.headers, body: v.body }),
    )
  }
})

afterAll(() => removeTempDir(dir))

const argsFor = (v: Vector) => [
  'verify',
  '--scheme',
  v.scheme,
  '--secret',
  v.secret,
  '--at',
  String(v.now),
  fileOf(v),
]

describe('hooklens verify: every catalog vector', () => {
  it.each(vectors.map((v) => [v.id, v] as const))('%s', async (_id, v) => {
    const r = await runInProcess(argsFor(v))
    const out = JSON.parse(r.stdout)
    expect(Object.keys(out).sort()).toEqual(['diagnosis', 'reason', 'scheme', 'status'])
    expect(out.status, out.reason).toBe(v.expect)
    expect(out.scheme).toBe(v.scheme)
    expect(r.code).toBe(v.expect === 'valid' ? 0 : 1)
  })
})

describe('hooklens verify: the real binary', { timeout: 90_000 }, () => {
  const byId = (id: string) => vectors.find((v) => v.id === id)!

  it('valid vector exits 0, invalid exits 1 with a diagnosis', async () => {
    const ok = await runBinary(argsFor(byId('github#1')))
    expect(ok.code).toBe(0)
    expect(JSON.parse(ok.stdout)).toMatchObject({
      scheme: 'github',
      status: 'valid',
      diagnosis: null,
    })
    const bad = await runBinary(argsFor(byId('sendgrid#3')))
    expect(bad.code).toBe(1)
    expect(JSON.parse(bad.stdout).diagnosis).toMatchObject({ kind: 'body-altered' })
  })

  it('reads the request from stdin, with headers as pairs and a base64 body, and --scheme auto', async () => {
    const v = byId('slack#1')
    const file = {
      method: 'POST',
      url: v.url,
      headers: Object.entries(v.headers),
      bodyBase64: Buffer.from(v.body).toString('base64'),
    }
    const r = await runBinary(
      ['verify', '--scheme', 'auto', '--secret-env', 'HL_TEST_SECRET', '--at', String(v.now), '-'],
      {
        stdin: JSON.stringify(file),
        env: { HL_TEST_SECRET: v.secret },
      },
    )
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({ scheme: 'slack', status: 'valid' })
  })

  it('usage errors exit 2', async () => {
    const v = byId('github#1')
    expect((await runBinary(['verify', '--scheme', 'nope', '--secret', 'x', fileOf(v)])).code).toBe(
      2,
    )
    expect(
      (
        await runBinary([
          'verify',
          '--scheme',
          'github',
          '--secret',
          'x',
          join(dir, 'missing.json'),
        ])
      ).code,
    ).toBe(2)
    const notJson = join(dir, 'not-json.txt')
    await writeFile(notJson, 'hello')
    const r = await runBinary(['verify', '--scheme', 'github', '--secret', 'x', notJson])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('the request file is not valid JSON')
  })
})

describe('hooklens verify: in-process details', () => {
  it('--tolerance and --at change the verdict; --url overrides the signed URL', async () => {
    const slack = vectors.find((v) => v.id === 'slack#1')!
    const late = await runInProcess([
      'verify',
      '--scheme',
      'slack',
      '--secret',
      slack.secret,
      '--at',
      String(slack.now + 400),
      fileOf(slack),
    ])
    expect(JSON.parse(late.stdout).reason).toBe('timestamp 400 s old (tolerance 300 s)')
    const lenient = await runInProcess([
      'verify',
      '--scheme',
      'slack',
      '--secret',
      slack.secret,
      '--at',
      String(slack.now + 400),
      '--tolerance',
      '500',
      fileOf(slack),
    ])
    expect(lenient.code).toBe(0)
    const square = vectors.find((v) => v.id === 'square#2')! // signed over another URL
    const fixed = await runInProcess([
      'verify',
      '--scheme',
      'square',
      '--secret',
      square.secret,
      '--url',
      'https://webhook.site/679a4f3a-dcfa-49ee-bac5-9d0edad886b9',
      fileOf(square),
    ])
    expect(fixed.code).toBe(0)
  })

  it('generic hmac through --option', async () => {
    const gh = vectors.find((v) => v.id === 'github#1')!
    const r = await runInProcess([
      'verify',
      '--scheme',
      'hmac',
      '--secret',
      gh.secret,
      '--option',
      'header=X-Hub-Signature-256',
      '--option',
      'prefix=sha256=',
      fileOf(gh),
    ])
    expect(r.code).toBe(0)
    const bad = await runInProcess([
      'verify',
      '--scheme',
      'hmac',
      '--secret',
      gh.secret,
      fileOf(gh),
    ])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('the hmac scheme needs a header option')
  })
})
