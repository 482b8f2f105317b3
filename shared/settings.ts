/**
 * The shape of Hooklens settings (settings.json in the data dir), as the core stores them and
 * the API returns them (`getSettings`, `updateSettings`: secrets masked). Later features add
 * their sections here; every section has a default (electron/core/settings) so an old file loads.
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

/** A verifier as configured in settings (or on the command line). */
export interface StoredVerifier {
  id: string
  /** A catalog scheme id, 'hmac' (generic) or 'auto' (detect from headers). */
  scheme: string
  secrets: string[]
  /** Seconds; overrides the scheme's default. 0 disables the timestamp check. */
  tolerance?: number
  /** Receiver path glob the verifier applies to, e.g. '/hooks/*'. Absent: every path. */
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
  /** Append the captured path and query to each target's path. */
  appendPath?: boolean
  /** Re-sign each attempt (default: on where the event's scheme has a secret of that scheme). */
  resign?: boolean
}

export interface Settings {
  receiver: {
    port: number
    host: string
    maxBodyBytes: number
    /** Seconds a sender has to finish its request headers; 0 = no limit. */
    headersTimeoutSec: number
    /** Seconds a sender has to finish its body once headers are in; 0 = no limit. */
    bodyTimeoutSec: number
  }
  retention: { maxEvents: number; maxBytes: number }
  /** Bounds of the delivery log (replays, forwards, dead letters), oldest dropped first. */
  deliveries: { maxRecords: number; maxBytes: number }
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
  /**
   * Who may deliver. `ips` (IPs / CIDRs) judge the socket peer, or for tunnelled requests the
   * last X-Forwarded-For entry (the tunnel proxy's). `origins` are ADVISORY: any non-browser
   * sender can write any Origin, so they decide only when `ips` is empty and never let a
   * request past an IP rule.
   */
  allowList: { ips: string[]; origins: string[] }
  tunnel: { enabled: boolean; host: string | null; subdomain: string | null }
  ui: { port: number }
  /** Agent lens: when a task counts as stalled, what counts as a retry storm. */
  agentLens: { stallAfterMs: number; retryStormCount: number; retryStormWindowMs: number }
}

/**
 * Settings as the API returns them (`getSettings`, `updateSettings`): every secret masked, plus
 * this session's `--secret` verifiers, masked and read-only — verdicts cite them too.
 */
export interface ApiSettings extends Settings {
  sessionVerifiers: StoredVerifier[]
}

/** A signature scheme as `hooklens schemes` and the API's `listSchemes` describe it. */
export interface SchemeInfo {
  id: string
  label: string
  /** The headers it is detected by and reads its signature from. */
  headers: string[]
  /** What the signature covers, in words. */
  signed: string
  timestampTolerance: number | null
  /** How the secret becomes a key, in words. */
  key: string
}
