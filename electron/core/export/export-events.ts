/**
 * `exportEvents`: renders captured events, oldest first, as a HAR 1.2 file, the JSON event
 * contract or a shell script of cURL commands, named with the export time. Pure: the caller
 * loads the events (with bodies).
 */
import type { ApiResult } from '../../../shared/api'
import type { CapturedEvent } from '../../../shared/event'
import { toCurlScript } from './curl'
import { toHar } from './har'
import type { ExportOptions } from './url'

export type ExportFormat = 'har' | 'json' | 'curl'

export function exportEvents(
  events: CapturedEvent[],
  format: ExportFormat,
  opts: ExportOptions & { now?: Date } = {},
): ApiResult<'exportEvents'> {
  const stamp = (opts.now ?? new Date()).toISOString().replace(/[:.]/g, '-')
  const sorted = [...events].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  switch (format) {
    case 'har':
      return {
        filename: `hooklens-${stamp}.har`,
        mime: 'application/json',
        content: JSON.stringify(toHar(sorted, opts), null, 2),
      }
    case 'json':
      return {
        filename: `hooklens-${stamp}.json`,
        mime: 'application/json',
        content: JSON.stringify(sorted, null, 2),
      }
    case 'curl':
      return {
        filename: `hooklens-${stamp}.sh`,
        mime: 'text/x-shellscript',
        content: toCurlScript(sorted, opts),
      }
    default:
      throw new Error(`unknown export format: ${String(format)}`)
  }
}
