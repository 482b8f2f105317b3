/**
 * The `exportEvents` API method over an event source (the store): loads the chosen events with
 * their bodies, oldest first, and renders them with `exportEvents`. Unknown ids are skipped.
 */
import type { ApiArg, ApiResult } from '../../../shared/api'
import type { CapturedEvent, EventSummary } from '../../../shared/event'
import { exportEvents } from './export-events'

export interface ExportSource {
  /** All stored events, oldest first. */
  list(): EventSummary[]
  getFull(id: string): Promise<CapturedEvent | null>
}

export function exportApi(
  source: ExportSource,
  opts: { baseUrl?: () => string | undefined; version?: string } = {},
) {
  return {
    exportEvents: async (arg: ApiArg<'exportEvents'>): Promise<ApiResult<'exportEvents'>> => {
      const ids = arg.ids ?? source.list().map((e) => e.id)
      const events: CapturedEvent[] = []
      for (const id of ids) {
        const e = await source.getFull(id)
        if (e) events.push(e)
      }
      return exportEvents(events, arg.format, { baseUrl: opts.baseUrl?.(), version: opts.version })
    },
  }
}
