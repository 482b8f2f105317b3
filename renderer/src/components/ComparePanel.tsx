/**
 * Compare two events: the structural diff inline (changed paths), the bodies side by side with
 * changed lines marked, and the header diff.
 */
import { useState } from 'react'
import { useInspector } from '../store/context'
import { formatSize } from '../lib/format'
import { BodyDiffView, HeaderDiffTable } from './DiffView'
import { SIDE_BY_SIDE_CAP, SideBySide, tooLargeForSideBySide } from './SideBySide'

export function ComparePanel() {
  const compare = useInspector((s) => s.compare)
  const idA = useInspector((s) => s.compareA)
  const idB = useInspector((s) => s.compareB)
  const [mode, setMode] = useState<'inline' | 'side'>('inline')
  if (!idA || !idB) {
    return (
      <div className="page dim" data-testid="compare-empty">
        Open an event and choose “Mark as A”, then open another and choose “Compare with A”.
      </div>
    )
  }
  if (compare.loading) return <div className="page dim">Comparing…</div>
  if (compare.error || !compare.diff) return <div className="page bad">{compare.error}</div>
  const d = compare.diff
  return (
    <div className="page" data-testid="compare-view">
      <div className="compare-head">
        <div>
          <span className="tag a">A</span> <span className="mono">{d.a.id}</span> {d.a.method}{' '}
          {d.a.path} <span className="dim">{d.a.eventType}</span>
        </div>
        <div>
          <span className="tag b">B</span> <span className="mono">{d.b.id}</span> {d.b.method}{' '}
          {d.b.path} <span className="dim">{d.b.eventType}</span>
        </div>
        <div className="body-modes">
          <button
            className={mode === 'inline' ? 'chip active' : 'chip'}
            data-testid="compare-inline"
            onClick={() => setMode('inline')}
          >
            Inline
          </button>
          <button
            className={mode === 'side' ? 'chip active' : 'chip'}
            data-testid="compare-side"
            onClick={() => setMode('side')}
          >
            Side by side
          </button>
        </div>
      </div>
      {d.request.length > 0 && (
        <p className="mono">
          {d.request.map((r) => `${r.field}: ${r.oldValue} → ${r.newValue}`).join(' · ')}
        </p>
      )}
      <h3>Body</h3>
      {mode === 'side' && tooLargeForSideBySide(compare.a, compare.b) && (
        <p className="warn-text" data-testid="side-too-large">
          Too large for side by side (over {formatSize(SIDE_BY_SIDE_CAP)} a side) — showing the
          structural diff.
        </p>
      )}
      {mode === 'side' && !tooLargeForSideBySide(compare.a, compare.b) ? (
        <SideBySide a={compare.a} b={compare.b} />
      ) : (
        <BodyDiffView diff={d.body} sameBody={d.sameBody} />
      )}
      <h3>Headers</h3>
      <HeaderDiffTable diff={d.headers} />
    </div>
  )
}
