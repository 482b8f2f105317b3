/**
 * Retry signals a sender puts in headers (`X-Slack-Retry-Num`, `X-Slack-Retry-Reason`,
 * `webhook-attempt`, `X-Retry-Count`, ...), shown next to the duplicate flag.
 */
import type { HeaderPair } from '../../../shared/event'

// A header about a delivery attempt: names with retry/attempt/redelivery as a word.
const RETRY_NAME =
  /(^|[-_])(retry|retries|attempt|attempts|redelivery|redelivered|delivery-attempt)([-_]|$)/i
// Response-side or unrelated headers that match the words above.
const NOT_SIGNALS = new Set(['retry-after', 'x-ratelimit-retry-after'])

export function retrySignals(headers: HeaderPair[]): { header: string; value: string }[] {
  const out: { header: string; value: string }[] = []
  for (const [name, value] of headers) {
    if (NOT_SIGNALS.has(name.toLowerCase())) continue
    if (RETRY_NAME.test(name)) out.push({ header: name, value })
  }
  return out
}
