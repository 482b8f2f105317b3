/**
 * The `hooklens` command line: builds the commander program from one module per command
 * (electron/cli/commands/*) and maps failures to exit codes — 0 ok, 1 failure, 2 usage.
 */
import { Command, CommanderError, Help } from 'commander'
import { UsageError, CliFailure } from './errors'
import { COMMANDS } from './commands'
import { guardStdout } from './stdout-guard'

export async function main(argv: string[]): Promise<number> {
  guardStdout()
  let exitCode = 0
  try {
    const program = await buildProgram(argv, (code) => {
      exitCode = code
    })
    await program.parseAsync(argv, { from: 'user' })
    return exitCode
  } catch (err) {
    return exitCodeFor(err)
  }
}

/**
 * The program for `argv`. Only the command that argv names is loaded (its module and the
 * libraries it needs); the others are listed by name and description so that `--help`, a
 * typo's "did you mean" and `help CMD` still see every command. `load: 'all'` loads them all.
 */
export async function buildProgram(
  argv: string[],
  setExitCode: (code: number) => void,
  load: 'named' | 'all' = 'named',
): Promise<Command> {
  const program = new Command('hooklens')
    .description('Catch, verify, dedupe, diff and replay the webhooks AI agents send.')
    .version(readVersion())
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
  const named = commandNamed(argv)
  const stubTerms = new Map<Command, string>()
  for (const entry of COMMANDS) {
    if (load === 'all' || entry.name === named) {
      const register = await entry.load()
      register(program, setExitCode)
      continue
    }
    const stub = program
      .command(entry.name)
      .description(entry.description)
      .allowUnknownOption()
      .allowExcessArguments()
      .action(() => {
        // Unreachable: the command argv names is always loaded in full.
        throw new Error(`command ${entry.name} was not loaded`)
      })
    stubTerms.set(stub, entry.term)
  }
  const help = new Help()
  program.configureHelp({
    subcommandTerm: (cmd) => stubTerms.get(cmd) ?? help.subcommandTerm(cmd),
  })
  return program
}

/** The command argv runs (or asks help for): its first operand, or the one after `help`. */
function commandNamed(argv: string[]): string | undefined {
  const operands = argv.filter((a) => !a.startsWith('-'))
  return operands[0] === 'help' ? operands[1] : operands[0]
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
