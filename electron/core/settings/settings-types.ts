/**
 * Hooklens settings' defaults. The shape is declared in shared/settings.ts (the API returns it)
 * and re-exported here for the core.
 */
import type { Settings } from '../../../shared/settings'

export type {
  ForwardRuleSetting,
  ResponseRule,
  Settings,
  StoredVerifier,
} from '../../../shared/settings'

export const MiB = 1024 * 1024

export function defaultSettings(): Settings {
  return {
    receiver: {
      port: 9000,
      host: '127.0.0.1',
      maxBodyBytes: 10 * MiB,
      // Generous for a slow sender on a slow link, short enough that trickling senders cannot
      // hold the tunnel's ~10 sockets for long.
      headersTimeoutSec: 10,
      bodyTimeoutSec: 30,
    },
    retention: { maxEvents: 10_000, maxBytes: 1024 * MiB },
    deliveries: { maxRecords: 10_000, maxBytes: 32 * MiB },
    responseRules: [],
    defaultResponse: {
      status: 200,
      body: '{"ok":true}',
      contentType: 'application/json',
      delayMs: 0,
    },
    verifiers: [],
    forwardRules: [],
    allowList: { ips: [], origins: [] },
    tunnel: { enabled: true, host: null, subdomain: null },
    ui: { port: 0 },
    agentLens: { stallAfterMs: 120_000, retryStormCount: 5, retryStormWindowMs: 60_000 },
  }
}
