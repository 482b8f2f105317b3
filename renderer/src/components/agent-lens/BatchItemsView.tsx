/** An AgentField observability batch's items, expandable, filtered by event type and execution. */
import { useEffect, useState } from 'react'
import type { BatchItemsView as Items } from '../../../../shared/api'
import { errorText, useLensApi } from './lens-api'

export function BatchItemsView({ id }: { id: string }) {
  const api = useLensApi()
  const [eventType, setEventType] = useState('')
  const [executionId, setExecutionId] = useState('')
  const [items, setItems] = useState<Items | null>(null)
  const [all, setAll] = useState<Items | null>(null)
  const [open, setOpen] = useState<number | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    if (!api) return
    void api.getBatchItems({ id }).then(setAll, (err) => setError(errorText(err)))
  }, [api, id])
  useEffect(() => {
    if (!api) return
    const filter = { id, eventType: eventType || undefined, executionId: executionId || undefined }
    void api.getBatchItems(filter).then(setItems, (err) => setError(errorText(err)))
  }, [api, id, eventType, executionId])
  if (error) return <p className="dim">Batch items unavailable: {error}</p>
  if (!items || !all) return null
  const types = [...new Set(all.items.map((i) => i.eventType).filter(Boolean))] as string[]
  const executions = [...new Set(all.items.map((i) => i.executionId).filter(Boolean))] as string[]
  return (
    <div className="panel lens-batch" data-testid="batch-items">
      <h3>
        Batch <span className="dim">{items.batchId ?? ''}</span>{' '}
        <span className="dim">
          {items.items.length} of {items.total} items
        </span>
      </h3>
      <div className="lens-filters">
        <select
          aria-label="Item event type"
          data-testid="batch-filter-type"
          value={eventType}
          onChange={(ev) => setEventType(ev.target.value)}
        >
          <option value="">all event types</option>
          {types.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
        <select
          aria-label="Execution id"
          data-testid="batch-filter-execution"
          value={executionId}
          onChange={(ev) => setExecutionId(ev.target.value)}
        >
          <option value="">all executions</option>
          {executions.map((x) => (
            <option key={x}>{x}</option>
          ))}
        </select>
      </div>
      <ul>
        {items.items.map((i) => (
          <li key={i.index} data-testid="batch-item">
            <button className="link" onClick={() => setOpen(open === i.index ? null : i.index)}>
              {open === i.index ? '▾' : '▸'} #{i.index + 1} {i.eventType ?? '(no event_type)'}
            </button>{' '}
            <span className="mono dim">{i.executionId ?? ''}</span>{' '}
            <span className="mono dim">{i.timestamp ?? ''}</span>
            {open === i.index && (
              <pre className="mono lens-item">{JSON.stringify(i.item, null, 2)}</pre>
            )}
          </li>
        ))}
      </ul>
    </div>
  )
}
