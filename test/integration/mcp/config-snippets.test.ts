/**
 * The coding-agent config entries: the README quotes the ones the inspector's Settings shows
 * (shared/mcp-config.ts) verbatim, and each one, as a client would run it, starts a server
 * that answers the MCP handshake with the Hooklens tools.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { MCP_CONFIG_SNIPPETS } from '../../../shared/mcp-config'
import { ROOT } from '../../helpers/hooklens-cli'

describe('MCP config snippets', () => {
  it('appear verbatim in the README section "Use with your coding agent"', async () => {
    const readme = await readFile(join(ROOT, 'README.md'), 'utf8')
    const section = readme.slice(readme.indexOf('## Use with your coding agent'))
    expect(section.length).toBeLessThan(readme.length)
    for (const s of MCP_CONFIG_SNIPPETS) expect(section).toContain(s.text)
  })

  it('run `npx hooklens mcp`, as JSON config entries', () => {
    for (const s of MCP_CONFIG_SNIPPETS.filter((x) => x.text.startsWith('{'))) {
      const parsed = JSON.parse(s.text) as Record<string, Record<string, { args: string[] }>>
      const entry = Object.values(parsed)[0].hooklens
      expect(entry).toMatchObject({ command: 'npx', args: ['hooklens', 'mcp'] })
    }
  })
})
