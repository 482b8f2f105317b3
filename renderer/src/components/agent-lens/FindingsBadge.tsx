/** The Agent lens badge: how many findings an event has, the worst one's reason on hover. */
import { worstFirst, type EventSummary } from '../../../../shared/event'
import './agent-lens.css'

export function FindingsBadge({ e }: { e: EventSummary }) {
  const list = e.findings ?? []
  if (list.length === 0) return null
  const sorted = worstFirst(list)
  const worst = sorted[0]
  return (
    <span
      className={`badge lens-${worst.severity}`}
      title={sorted.map((f) => `${f.code}: ${f.message}`).join('\n')}
      data-testid="findings-badge"
      data-codes={sorted.map((f) => f.code).join(' ')}
    >
      ⚑ {worst.code}
      {list.length > 1 ? ` +${list.length - 1}` : ''}
    </span>
  )
}
