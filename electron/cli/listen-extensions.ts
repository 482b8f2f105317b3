/**
 * What `hooklens listen` runs beside the receiver — the tunnel, the browser inspector,
 * forwarding — each as an extension that adds its flags and starts with the running core.
 * Adding a feature to `listen` means adding an entry here, not editing listen.ts.
 */
import type { Command } from 'commander'
import type { Hooklens } from '../core/hooklens/hooklens'
import type { PartialApiImpl } from '../core/hooklens/api-types'
import type { ListenOptions } from './commands/listen'
import { tunnelExtension } from './listen-tunnel'
import { forwardListenExtension } from './commands/deliveries'
import { uiExtension } from './listen-ui'

export interface ListenContext {
  hooklens: Hooklens
  opts: ListenOptions
  log: (line: string) => void
  /** Cleanup functions, run in reverse order on shutdown. */
  stops: (() => Promise<void>)[]
  /** API method groups extensions publish (the tunnel's) for the inspector to serve. */
  apiGroups: PartialApiImpl[]
}

export interface ListenExtension {
  name: string
  options?: (cmd: Command) => void
  /** Checks this extension's flags before anything starts (throw a UsageError: exit 2). */
  validate?: (opts: ListenOptions) => void
  start?: (ctx: ListenContext) => Promise<void>
}

// The inspector goes last: it serves the API groups the others set up.
export const LISTEN_EXTENSIONS: ListenExtension[] = [
  tunnelExtension,
  forwardListenExtension,
  uiExtension,
]
