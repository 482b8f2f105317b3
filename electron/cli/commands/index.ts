/**
 * The list of CLI commands. Each command lives in its own module and exports a
 * `register(program, setExitCode)` function; add an entry here to add a command.
 *
 * Modules are loaded only when their command runs: `listen` pulls in fastify, `replay` undici,
 * `events diff` the diff libraries, and a one-shot command (or `--help`) should not pay for
 * all of them at start-up. So the top-level help is drawn from the `term` and `description`
 * below without loading anything; test/unit/cli/command-table.test.ts keeps them equal to what
 * each module registers.
 */
import type { Command } from 'commander'

export type RegisterCommand = (program: Command, setExitCode: (code: number) => void) => void

export interface CommandEntry {
  name: string
  /** How the top-level help lists the command, e.g. 'send [options] <platform>'. */
  term: string
  description: string
  load: () => Promise<RegisterCommand>
}

export const COMMANDS: CommandEntry[] = [
  {
    name: 'listen',
    term: 'listen [options]',
    description: 'receive webhooks, store them and print each one as it arrives',
    load: async () => (await import('./listen')).registerListen,
  },
  {
    name: 'events',
    term: 'events',
    description: 'list and show stored events',
    load: async () => (await import('./events')).registerEvents,
  },
  {
    name: 'share',
    term: 'share',
    description: "give an agent Hooklens' public URL (A2A push registration, config snippets)",
    load: async () => (await import('./share')).registerShare,
  },
  {
    name: 'verify',
    term: 'verify [options] <target>',
    description: 'verify a request file or a stored event, and say why a signature fails',
    load: async () => (await import('./verify')).registerVerify,
  },
  {
    name: 'secrets',
    term: 'secrets',
    description: 'saved verifiers: scheme, secrets, tolerance, path',
    load: async () => (await import('./secrets')).registerSecrets,
  },
  {
    name: 'replay',
    term: 'replay [options] <id>',
    description: 'send a stored event to your handler again (exit 0 when it answers 2xx)',
    load: async () => (await import('./replay')).registerReplay,
  },
  {
    name: 'deliveries',
    term: 'deliveries [options]',
    description: 'list replays and forwards, newest first: status, attempts, last error',
    load: async () => (await import('./deliveries')).registerDeliveries,
  },
  {
    name: 'redrive',
    term: 'redrive [options] [delivery-id]',
    description: 'send dead letters again with their original bytes (one, or --all)',
    load: async () => (await import('./redrive')).registerRedrive,
  },
  {
    name: 'send',
    term: 'send [options] <platform>',
    description:
      'send a signed sample event as a platform would (a2a, agent-gateway, agentfield, standard-webhooks, stripe, github, slack)',
    load: async () => (await import('./send')).registerSend,
  },
  {
    name: 'mcp',
    term: 'mcp [options]',
    description: 'serve the Model Context Protocol on stdio, for your coding agent',
    load: async () => (await import('./mcp')).registerMcp,
  },
  {
    name: 'schemes',
    term: 'schemes [options]',
    description: 'list the signature scheme ids (for --secret, secrets add, verify --scheme)',
    load: async () => (await import('./schemes')).registerSchemes,
  },
]
