/**
 * What `hooklens listen` runs beside the receiver — the tunnel, the browser inspector,
 * forwarding — each as an extension that adds its flags and starts with the running core.
 * Adding a feature to `listen` means adding an entry here, not editing listen.ts. The types
 * live in listen-types.ts so the extensions need not import this registry back.
 */
import type { ListenExtension } from './listen-types'
import { tunnelExtension } from './listen-tunnel'
import { forwardListenExtension } from './commands/deliveries'
import { uiExtension } from './listen-ui'

export type { ListenContext, ListenExtension } from './listen-types'

// The inspector goes last: it serves the API groups the others set up.
export const LISTEN_EXTENSIONS: ListenExtension[] = [
  tunnelExtension,
  forwardListenExtension,
  uiExtension,
]
