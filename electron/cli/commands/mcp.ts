/**
 * `hooklens mcp`: an MCP server on stdio for the developer's coding agent (Claude Code,
 * Cursor, VS Code). It works through the Hooklens running on the data dir, or read-only on the
 * data dir when none runs. stdout carries the protocol only; notes go to stderr.
 */
import type { Command } from 'commander'
import { resolveDataDir } from '../../core/settings/data-dir'
import type { RegisterCommand } from './index'

interface McpFlags {
  dataDir?: string
  allowRemote?: boolean
}

export const registerMcp: RegisterCommand = (program: Command) => {
  program
    .command('mcp')
    .description('serve the Model Context Protocol on stdio, for your coding agent')
    .option('--data-dir <dir>', 'where events and settings live')
    .option('--allow-remote', 'let replay_event, redrive and send_sample reach non-local addresses')
    .action(async (flags: McpFlags) => {
      // Loaded on use: the SDK is only needed by this command.
      const { runMcpStdio } = await import('../../core/mcp/stdio')
      await runMcpStdio({ dataDir: resolveDataDir(flags.dataDir), allowRemote: flags.allowRemote })
    })
}
