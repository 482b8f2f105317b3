/**
 * The shape of Hooklens settings (settings.json in the data dir) and their defaults.
 * Later features add their sections here; every section has a default so an old file loads.
 */

export interface ResponseRule {
  id: string
  /** HTTP method or '*' (default). */
  method?: string
  /** Path glob: `*` matches within a segment, `**` across segments. Default '/**'. */
  path?: string
  status: number
  headers?: [string, string][]
  body?: string
  delayMs?: number
}

export interface StoredVerifier {
  id: string
  scheme: string
  secrets: string[]
  tolerance?: number
  path?: string
  options?: Record<string, unknown>
  name?: string
}

export interface ForwardRuleSetting {
  id: string
  targets: string[]
  filter?: { path?: string; platform?: string; eventType?: string }
  maxAttempts?: number
  enabled?: boolean
}

export interface Settings {
  receiver: { port: number; host: string; maxBodyBytes: number }
  retention: { maxEvents: number; maxBytes: number }
  responseRules: ResponseRule[]
  defaultResponse: {
    status: number
    body: string
    contentType: string
    delayMs: number
    /** Extra headers of the default answer (e.g. Retry-After with `listen --respond 429`). */
    headers?: [string, string][]
  }
  verifiers: StoredVerifier[]
  forwardRules: ForwardRuleSetting[]
  allowList: { ips: string[]; origins: string[] }
  tunnel: { enabled: boolean; host: string | null; subdomain: string | null }
  ui: { port: number }
}

export const MiB = 1024 * 1024

export function defaultSettings(): Settings {
  return {
    receiver: { port: 9000, host: '127.0.0.1', maxBodyBytes: 10 * MiB },
    retention: { maxEvents: 10_000, maxBytes: 1024 * MiB },
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
  }
}
