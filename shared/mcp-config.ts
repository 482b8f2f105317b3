/**
 * The config entries that add `hooklens mcp` to a coding agent, written once: the inspector's
 * Settings shows them with a Copy button and the README quotes them verbatim (a test checks).
 */

export interface McpConfigSnippet {
  id: 'claude-code' | 'cursor' | 'vscode'
  title: string
  /** Where the entry goes, in a few words. */
  where: string
  text: string
}

export const MCP_CONFIG_SNIPPETS: McpConfigSnippet[] = [
  {
    id: 'claude-code',
    title: 'Claude Code',
    where: 'run in your project (or put the Cursor entry below in .mcp.json)',
    text: 'claude mcp add hooklens -- npx hooklens mcp',
  },
  {
    id: 'cursor',
    title: 'Cursor',
    where: '.cursor/mcp.json in your project, or ~/.cursor/mcp.json',
    text: `{
  "mcpServers": {
    "hooklens": { "command": "npx", "args": ["hooklens", "mcp"] }
  }
}`,
  },
  {
    id: 'vscode',
    title: 'VS Code',
    where: '.vscode/mcp.json in your project',
    text: `{
  "servers": {
    "hooklens": { "type": "stdio", "command": "npx", "args": ["hooklens", "mcp"] }
  }
}`,
  },
]
