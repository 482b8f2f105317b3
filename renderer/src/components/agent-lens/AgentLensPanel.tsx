/**
 * The Agent lens in the event detail: the event's findings with their reasons, the subject's
 * timeline, and a batch's items.
 */
import type { EventSummary } from '../../../../shared/event'
import { BatchItemsView } from './BatchItemsView'
import { worstFirst } from '../../../../shared/event'
import { TimelineView } from './TimelineView'
import './agent-lens.css'

export function AgentLensPanel({ e }: { e: EventSummary }) {
  const findings = worstFirst(e.findings ?? [])
  const c = e.classification
  const isBatch = c.platform === 'agentfield' && c.eventType === 'batch'
  return (
    <>
      {findings.length > 0 && (
        <div className="panel lens-findings" data-testid="findings-panel">
          <h3>Agent lens</h3>
          <ul>
            {findings.map((f, i) => (
              <li key={`${f.code}-${i}`} className={`lens-finding lens-${f.severity}`}>
                <strong>{f.code}</strong> <span className="dim">{f.severity}</span> — {f.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {c.subject && <TimelineView id={e.id} stamp={JSON.stringify(e.findings ?? [])} />}
      {isBatch && <BatchItemsView id={e.id} />}
    </>
  )
}
