/** A subject's timeline (task, execution): state changes, artifacts, retries, gaps, findings. */
import { useEffect, useState } from 'react'
import type { SubjectTimeline } from '../../../../shared/api'
import { useInspectorStore } from '../../store/context'
import { formatTime } from '../../lib/format'
import { errorText, useLensApi } from './lens-api'

function gap(ms: number | null): string {
  if (ms === null) return ''
  if (ms < 1000) return `+${ms} ms`
  if (ms < 60_000) return `+${(ms / 1000).toFixed(1)} s`
  return `+${Math.round(ms / 60_000)} min`
}

export function TimelineView({ id, stamp }: { id: string; stamp: string }) {
  const api = useLensApi()
  const store = useInspectorStore()
  const [timeline, setTimeline] = useState<SubjectTimeline | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    if (!api) return
    let live = true
    api
      .getTimeline({ id })
      .then((t) => live && setTimeline(t))
      .catch((err) => live && setError(errorText(err)))
    return () => {
      live = false
    }
  }, [api, id, stamp])
  if (error) return <p className="dim">Timeline unavailable: {error}</p>
  if (!timeline) return null
  return (
    <div className="panel lens-timeline" data-testid="timeline" data-status={timeline.status}>
      <h3>
        Timeline <span className="dim">{`${timeline.noun} ${timeline.subject}`}</span>{' '}
        <span className={`badge lens-status-${timeline.status}`}>{timeline.status}</span>
      </h3>
      <ol>
        {timeline.entries.map((x) => (
          <li key={x.id} className={`lens-kind-${x.kind}`} data-testid="timeline-entry">
            <button className="link mono" onClick={() => void store.getState().select(x.id)}>
              {formatTime(x.receivedAt)}
            </button>{' '}
            <span className="dim">{gap(x.gapMs)}</span> <strong>{x.kind}</strong>{' '}
            {x.eventType ?? ''}
            {x.state ? ` → ${x.state}` : ''}
            {x.id === id && <span className="dim"> (this one)</span>}
            {x.findings.map((f) => (
              <div key={f.code} className={`lens-finding lens-${f.severity}`}>
                ⚑ {f.message}
              </div>
            ))}
          </li>
        ))}
      </ol>
    </div>
  )
}
