/**
 * The `hooklens` command line: builds the commander program from one module per command
 * (electron/cli/commands/*) and maps failures to exit codes — 0 ok, 1 failure, 2 usage.
 */
import { Command, CommanderError } from 'commander'
import { UsageError, CliFailure } from './errors'
import { COMMANDS } from './commands'
import { guardStdout } from './stdout-guard'

export async function main(argv: string[]): Promise<number> {
  guardStdout()
  const program = new Command('hooklens')
    .description('Catch, verify, dedupe, diff and replay the webhooks AI agents send.')
    .version(readVersion())
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
  let exitCode = 0
  for (const register of COMMANDS) {
    register(program, (code) => {
      exitCode = code
    })
  }
  try {
    await program.parseAsync(argv, { from: 'user' })
    return exitCode
  } catch (err) {
    return exitCodeFor(err)
  }
}

function exitCodeFor(err: unknown): number {
  if (err instanceof CommanderError) {
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return 0
    if (err.code === 'commander.help') return 0
    return 2
  }
  if (err instanceof UsageError) {
    process.stderr.write(`hooklens: ${err.message}\n`)
    return 2
  }
  if (err instanceof CliFailure) {
    if (err.message) process.stderr.write(`hooklens: ${err.message}\n`)
    return err.exitCode
  }
  process.stderr.write(`hooklens: ${err instanceof Error ? err.message : String(err)}\n`)
  return 1
}

function readVersion(): string {
  return process.env.npm_package_version ?? '0.1.0'
}
