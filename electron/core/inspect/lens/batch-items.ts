/**
 * An AgentField observability batch as items: `{batch_id, event_count, events: [...]}` (or a
 * bare array, as older docs show) becomes one row per event with its type, execution and
 * workflow ids, so a batch of 10 can be expanded and filtered like events.
 */
import type { BatchItemsView, JsonValue } from '../../../../shared/api'
import { get, isRec, parseJson, str } from '../context'

/** The contract's shapes (shared/api.ts `BatchItemsView`): served as they are. */
export type BatchItems = BatchItemsView
export type BatchItem = BatchItemsView['items'][number]

function field(e: unknown, key: string): string | null {
  return str(get(e, key)) ?? str(get(e, 'data', key)) ?? null
}

/** The batch's items, optionally only those of one event type and/or execution id. */
export function batchItems(
  body: Buffer,
  filter: { eventType?: string; executionId?: string } = {},
): BatchItems | null {
  const json = parseJson(body)
  const events = Array.isArray(json) ? json : isRec(json) ? json.events : undefined
  if (!Array.isArray(events)) return null
  const all = events.map((e, index) => ({
    index,
    eventType: field(e, 'event_type') ?? field(e, 'event'),
    executionId: field(e, 'execution_id'),
    workflowId: field(e, 'workflow_id'),
    timestamp: field(e, 'timestamp'),
    source: field(e, 'event_source'),
    // An element of what JSON.parse returned, so a JSON value by construction.
    item: e as JsonValue,
  }))
  const items = all.filter(
    (i) =>
      (!filter.eventType || i.eventType === filter.eventType) &&
      (!filter.executionId || i.executionId === filter.executionId),
  )
  return {
    batchId: isRec(json) ? (str(json.batch_id) ?? null) : null,
    eventCount: isRec(json) && typeof json.event_count === 'number' ? json.event_count : null,
    total: all.length,
    items,
  }
}
