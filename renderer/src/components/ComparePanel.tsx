/**
 * Compare two events: the structural diff inline (changed paths), the bodies side by side with
 * changed lines marked, and the header diff.
 */
import { useMemo, useState } from 'react'
import { diffLines } from 'diff'
import type { CapturedEvent } from '../../../shared/event'
import { useInspector } from '../store/context'
import { bodyText, tryParseJson } from '../lib/format'
import { BodyDiffView, HeaderDiffTable } from './DiffView'

function pretty(e: CapturedEvent | null): string {
  if (!e) return ''
  const text = bodyText(e.body, e.bodyEncoding)
  if (text === null) return `(binary, ${e.size} bytes)`
  const json = tryParseJson(text)
  return json.ok ? JSON.stringify(json.value, null, 2) : text
}

type Cell = { text: string; kind: 'same' | 'del' | 'add' | 'blank' }

function sideBySide(a: string, b: string): [Cell, Cell][] {
  const rows: [Cell, Cell][] = []
  const parts = diffLines(a, b)
  const split = (v: string) => v.replace(/\n$/, '').split('\n')
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]
    if (!p.added && !p.removed) {
      for (const l of split(p.value))
        rows.push([
          { text: l, kind: 'same' },
          { text: l, kind: 'same' },
        ])
    } else if (p.removed) {
      const left = split(p.value)
      const next = parts[i + 1]
      const right = next?.added ? split(next.value) : []
      if (next?.added) i++
      for (let j = 0; j < Math.max(left.length, right.length); j++) {
        rows.push([
          j < left.length ? { text: left[j], kind: 'del' } : { text: '', kind: 'blank' },
          j < right.length ? { text: right[j], kind: 'add' } : { text: '', kind: 'blank' },
        ])
      }
    } else {
      for (const l of split(p.value))
        rows.push([
          { text: '', kind: 'blank' },
          { text: l, kind: 'add' },
        ])
    }
  }
  return rows
}

export function ComparePanel() {
  const compare = useInspector((s) => s.compare)
  const idA = useInspector((s) => s.compareA)
  const idB = useInspector((s) => s.compareB)
  const [mode, setMode] = useState<'inline' | 'side'>('inline')
  const rows = useMemo(
    () => (mode === 'side' ? sideBySide(pretty(compare.a), pretty(compare.b)) : []),
    [mode, compare.a, compare.b],
  )
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
      {mode === 'inline' ? (
        <BodyDiffView diff={d.body} sameBody={d.sameBody} />
      ) : (
        <table className="side-by-side mono" data-testid="side-by-side">
          <tbody>
            {rows.map(([l, r], i) => (
              <tr key={i}>
                <td className={`s-${l.kind}`}>{l.text}</td>
                <td className={`s-${r.kind}`}>{r.text}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>Headers</h3>
      <HeaderDiffTable diff={d.headers} />
    </div>
  )
}
