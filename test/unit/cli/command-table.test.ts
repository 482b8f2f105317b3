/**
 * The command table (electron/cli/commands/index.ts) lets `hooklens --help` list every command
 * without loading its module; these tests keep what it says equal to what the modules register,
 * and check that a command line loads only the command it names.
 */
import { describe, expect, it } from 'vitest'
import { Command, Help } from 'commander'
import { COMMANDS } from '../../../electron/cli/commands'
import { buildProgram } from '../../../electron/cli/main'

const noExit = () => {}

describe('CLI command table', () => {
  it.each(COMMANDS.map((c) => [c.name, c] as const))(
    '%s: name, help term and description match what its module registers',
    async (_name, entry) => {
      const program = new Command('hooklens')
      const register = await entry.load()
      register(program, noExit)
      const registered = program.commands.find((c) => c.name() === entry.name)
      expect(registered, `${entry.name} registers a command of that name`).toBeDefined()
      expect(new Help().subcommandTerm(registered!)).toBe(entry.term)
      expect(registered!.description()).toBe(entry.description)
    },
  )

  it('top-level help is the same whether the commands are loaded or not', async () => {
    const lazy = await buildProgram(['--help'], noExit)
    const eager = await buildProgram(['--help'], noExit, 'all')
    expect(lazy.helpInformation()).toBe(eager.helpInformation())
    expect(lazy.helpInformation()).toContain('send [options] <platform>')
  })

  it('loads only the command the arguments name (also after `help`)', async () => {
    const hasOption = (p: Command, cmd: string, flag: string) =>
      p.commands.find((c) => c.name() === cmd)!.options.some((o) => o.long === flag)
    const events = await buildProgram(['events', 'list', '--limit', '5'], noExit)
    expect(events.commands.find((c) => c.name() === 'events')!.commands.length).toBeGreaterThan(0)
    expect(hasOption(events, 'listen', '--port')).toBe(false)
    const help = await buildProgram(['help', 'listen'], noExit)
    expect(hasOption(help, 'listen', '--port')).toBe(true)
    expect(hasOption(help, 'replay', '--to')).toBe(false)
  })
})
