/** What a `hooklens send` sample is: one request exactly as a platform would send it. */
import type { HeaderPair } from '../../../../shared/event'

export interface SampleOptions {
  /** The platform's secret / token; a documented demo secret is used when absent. */
  secret?: string
  /** Event type (platform-specific: on_error, execution.failed, push, ...). */
  event?: string
  now?: Date
}

export interface SampleRequest {
  platform: string
  eventType: string
  /** The signature scheme it is signed with (a verifier with this scheme marks it valid). */
  scheme: string | null
  method: 'POST'
  headers: HeaderPair[]
  body: Buffer
  /** The secret used; demo secrets are public test values, never the user's. */
  secretUsed: string | null
  notes: string[]
}

export interface SampleBuilder {
  platform: string
  events: string[]
  defaultSecret: string | null
  build(opts: Required<Pick<SampleOptions, 'now'>> & SampleOptions, event: string): SampleRequest
}

export function unknownEvent(platform: string, event: string, events: string[]): Error {
  return new Error(`unknown ${platform} event '${event}' (one of: ${events.join(', ')})`)
}
