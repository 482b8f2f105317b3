/** The URL a captured event was sent to, rebuilt for exports (HAR entries, cURL commands). */
import type { CapturedEvent } from '../../../shared/event'
import { headerValue } from '../../../shared/event'

export interface ExportOptions {
  /** Where the commands/entries should point, e.g. the receiver URL; else the Host header. */
  baseUrl?: string
  /** Hooklens version written into the HAR creator. */
  version?: string
}

export function eventUrl(
  e: Pick<CapturedEvent, 'path' | 'query' | 'headers'>,
  opts: ExportOptions,
) {
  const base = (opts.baseUrl ?? `http://${headerValue(e.headers, 'host') ?? 'localhost'}`).replace(
    /\/+$/,
    '',
  )
  return `${base}${e.path}${e.query ? `?${e.query}` : ''}`
}
