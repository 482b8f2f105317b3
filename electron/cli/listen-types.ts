/**
 * The types `hooklens listen` and its extensions share: the parsed flags, the running context
 * and the extension shape. Kept apart from the registry (listen-extensions.ts) and the command
 * (commands/listen.ts), which import the extensions, so no extension imports back into them.
 */
import type { Command } from 'commander'
import type { Hooklens } from '../core/hooklens/hooklens'
import type { PartialApiImpl } from '../core/hooklens/api-types'

export interface ListenOptions {
  port?: number
  host?: string
  dataDir?: string
  json?: boolean
  maxBody?: number
  respond?: number
  respondBody?: string
  respondDelay?: number
  respondHeader?: [string, string][]
  secret?: string[]
  secretEnv?: string[]
  fsync?: boolean
  headersTimeout?: number
  bodyTimeout?: number
  events?: string
  path?: string
  color?: boolean
  tunnel: boolean
  ui: boolean
  [extension: string]: unknown
}

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
