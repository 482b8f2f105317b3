/** Secrets scrubbed from MCP results, credential headers masked, bodies capped honestly. */
import { describe, expect, it } from 'vitest'
import { capBody, capStrings } from '../../../electron/core/mcp/caps'
import { maskHeaders, scrubSecrets } from '../../../electron/core/mcp/redact'

describe('scrubSecrets', () => {
  it('replaces every configured secret in JSON text, escaped or not, longest first', () => {
    const secret = 'whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQ='
    const quoted = 'tok"en\\with-escapes'
    const json = JSON.stringify({ a: `x ${secret} y`, b: [quoted, `${secret}${secret}`] })
    const out = scrubSecrets(json, [secret, quoted, 'short'])
    expect(out).not.toContain('c2VjcmV0LXNlY3JldC1zZWNyZXQ')
    expect(out).not.toContain(JSON.stringify(quoted).slice(1, -1))
    expect(() => JSON.parse(out)).not.toThrow()
    expect(JSON.parse(out).a).toMatch(/^x whsec_\*{4}/)
  })
})

describe('maskHeaders', () => {
  it('masks credential headers and keeps signatures', () => {
    const out = maskHeaders([
      ['Authorization', 'Bearer abcdefghijklmnopqrstuvwxyz'],
      ['X-A2A-Notification-Token', 'tok-1234567890abcdefgh'],
      ['webhook-signature', 'v1,abc='],
    ])
    expect(out[0][1]).toMatch(/^Bearer \*{4}wxyz$/)
    expect(out[1][1]).not.toContain('1234567890')
    expect(out[2][1]).toBe('v1,abc=')
  })
})

describe('capBody', () => {
  it('cuts at the byte cap without a half character, and says so', () => {
    const body = Buffer.from('ééé') // 6 bytes
    const c = capBody(body, 3, true)
    expect(c).toMatchObject({ text: 'é', size: 6, shownBytes: 3, truncated: true })
    expect(capBody(body, 6, true)).toMatchObject({ text: 'ééé', truncated: false })
    expect(capBody(Buffer.from([0, 1, 2, 3]), 2, false).text).toBe(
      Buffer.from([0, 1]).toString('base64'),
    )
  })

  it('capStrings shortens long strings anywhere in a structure', () => {
    const out = capStrings({ a: ['x'.repeat(50)], b: { c: 'short' } }, 10) as {
      a: string[]
      b: { c: string }
    }
    expect(out.a[0]).toMatch(/^x{10}… \[truncated: 40 more characters\]$/)
    expect(out.b.c).toBe('short')
  })
})
