/**
 * The list of CLI commands. Each command lives in its own module and exports a
 * `register(program, setExitCode)` function; add a line here to add a command.
 */
import type { Command } from 'commander'
import { registerListen } from './listen'
import { registerEvents } from './events'
import { registerShare } from './share'
import { registerVerify } from './verify'
import { registerSecrets } from './secrets'
import { registerReplay } from './replay'
import { registerDeliveries } from './deliveries'
import { registerRedrive } from './redrive'
import { registerSend } from './send'
import { registerSchemes } from './schemes'

export type RegisterCommand = (program: Command, setExitCode: (code: number) => void) => void

export const COMMANDS: RegisterCommand[] = [
  registerListen,
  registerEvents,
  registerShare,
  registerVerify,
  registerSecrets,
  registerReplay,
  registerDeliveries,
  registerRedrive,
  registerSend,
  registerSchemes,
]
