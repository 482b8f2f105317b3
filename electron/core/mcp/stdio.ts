/**
 * Runs the Hooklens MCP server on this process's stdin/stdout until the client hangs up
 * (stdin ends) or a signal comes.
 */
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js'
import { createHooklensMcp, type HooklensMcpOptions } from './server'

export async function runMcpStdio(opts: HooklensMcpOptions): Promise<void> {
  const mcp = createHooklensMcp({ version: process.env.npm_package_version, ...opts })
  const transport = new StdioServerTransport()
  const closed = new Promise<void>((resolve) => {
    transport.onclose = () => resolve()
    process.stdin.once('end', () => resolve())
    process.once('SIGINT', () => resolve())
    process.once('SIGTERM', () => resolve())
  })
  await mcp.server.connect(transport)
  process.stderr.write(`hooklens mcp: serving ${opts.dataDir} on stdio\n`)
  await closed
  await mcp.close()
}
