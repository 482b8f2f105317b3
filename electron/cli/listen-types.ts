/**
 * Every flag of `hooklens listen`, parsed, in one typed object (stripe-cli's single `Config`).
 * Kept apart from commands/listen.ts so the helpers it starts (listen-tunnel.ts, listen-ui.ts,
 * listen-forward.ts) can take it without importing the command back.
 */
export interface ListenOptions {
  // The receiver and its store.
  port?: number
  host?: string
  dataDir?: string
  maxBody?: number
  headersTimeout?: number
  bodyTimeout?: number
  fsync?: boolean
  // The answer senders get.
  respond?: number
  respondBody?: string
  respondDelay?: number
  respondHeader?: [string, string][]
  // Verification for this session.
  secret?: string[]
  secretEnv?: string[]
  // What is printed (and forwarded).
  json?: boolean
  events?: string
  path?: string
  color?: boolean
  // The tunnel (`--no-tunnel` sets tunnel to false).
  tunnel: boolean
  tunnelHost?: string
  subdomain?: string
  // Forwarding.
  forwardTo?: string[]
  forwardHeader?: [string, string][]
  // The browser inspector (`--no-ui` sets ui to false).
  ui: boolean
  uiPort?: number
  open?: boolean
}
