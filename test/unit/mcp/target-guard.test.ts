/** Which targets the mutating MCP tools may reach: loopback and private only, unless allowed. */
import { describe, expect, it } from 'vitest'
import { checkTarget, isLocalAddress, TargetRefused } from '../../../electron/core/mcp/target-guard'

describe('isLocalAddress', () => {
  it.each([
    '127.0.0.1',
    '127.8.9.1',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.20',
    '::1',
    '[::1]',
    'fd12:3456::1',
    '::ffff:192.168.0.4',
  ])('%s is local', (a) => expect(isLocalAddress(a)).toBe(true))

  it.each([
    '8.8.8.8',
    '172.32.0.1',
    '169.254.169.254',
    '0.0.0.0',
    '100.64.0.1',
    '2001:4860:4860::8888',
    'fe80::1',
    '::ffff:8.8.8.8',
    'not-an-ip',
  ])('%s is not', (a) => expect(isLocalAddress(a)).toBe(false))
})

describe('checkTarget', () => {
  const lookup = (table: Record<string, string[]>) => async (host: string) => {
    if (!table[host]) throw new Error('ENOTFOUND')
    return table[host]
  }

  it('allows loopback, localhost names and names that resolve only to private addresses', async () => {
    const l = lookup({ 'handler.lan': ['192.168.1.5'], 'dev.internal': ['10.0.0.2', 'fd00::2'] })
    for (const url of [
      'http://127.0.0.1:3000/hook',
      'http://localhost:3000',
      'http://api.localhost/x',
      'http://[::1]:8080/',
      'https://handler.lan/hook',
      'http://dev.internal/',
    ]) {
      await expect(checkTarget(url, false, l)).resolves.toBeInstanceOf(URL)
    }
  })

  it('refuses public addresses and names with any public address, naming the flag', async () => {
    const l = lookup({ 'mixed.example': ['10.0.0.1', '93.184.216.34'] })
    for (const url of [
      'http://93.184.216.34/',
      'http://mixed.example/',
      'http://169.254.169.254/',
    ]) {
      const err = await checkTarget(url, false, l).catch((e: unknown) => e)
      expect(err).toBeInstanceOf(TargetRefused)
      expect((err as Error).message).toMatch(/--allow-remote/)
    }
    await expect(checkTarget('http://nowhere.invalid/', false, l)).rejects.toThrow(/cannot resolve/)
  })

  it('with allowRemote, checks the scheme only', async () => {
    await expect(checkTarget('https://example.com/hook', true, lookup({}))).resolves.toBeInstanceOf(
      URL,
    )
    await expect(checkTarget('ftp://example.com/', true)).rejects.toThrow(/only http and https/)
    await expect(checkTarget('not a url', true)).rejects.toThrow(/not a URL/)
  })
})
