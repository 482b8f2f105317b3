/**
 * Renders an EventDiff (shared/diff): request line, header changes and the structural body
 * diff as a list of changed paths. Used by Compare and by "changes since previous".
 */
import type { EventDiff } from '../../../shared/diff/event-diff'
import type { BodyDiff, HeaderDiff, JsonChange } from '../../../shared/diff/types'

export function valueText(v: unknown, max = 160): string {
  const s =
    v === undefined
      ? ''
      : typeof v === 'string'
        ? JSON.stringify(v)
        : (JSON.stringify(v) ?? String(v))
  return s.length > max ? `${s.slice(0, max)}…` : s
}

export function HeaderDiffTable({ diff }: { diff: HeaderDiff }) {
  if (diff.identical) {
    return (
      <p className="dim">Headers identical{diff.reordered ? ' (in a different order)' : ''}.</p>
    )
  }
  return (
    <table className="diff-table" data-testid="header-diff">
      <thead>
        <tr>
          <th />
          <th>Header</th>
          <th>A (before)</th>
          <th>B (after)</th>
        </tr>
      </thead>
      <tbody>
        {diff.changes.map((c, i) => (
          <tr key={i} className={`d-${c.kind}`}>
            <td className="sign">{c.kind === 'added' ? '+' : c.kind === 'removed' ? '−' : '~'}</td>
            <th className="mono">{c.name}</th>
            <td className="mono old">{c.oldValue ?? ''}</td>
            <td className="mono new">{c.newValue ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function JsonChangeRow({ c }: { c: JsonChange }) {
  const sign = { added: '+', removed: '−', changed: '~', 'type-changed': '~', moved: '↕' }[c.kind]
  return (
    <tr className={`d-${c.kind}`} data-testid="diff-change" data-path={c.path}>
      <td className="sign">{sign}</td>
      <th className="mono" data-testid="diff-path">
        {c.path || '(root)'}
        {c.match && <span className="dim"> [{c.match}]</span>}
      </th>
      <td className="mono old">
        {c.kind === 'moved' ? `from ${c.from}` : c.kind === 'added' ? '' : valueText(c.oldValue)}
      </td>
      <td className="mono new">
        {c.kind === 'moved' ? `to ${c.to}` : c.kind === 'removed' ? '' : valueText(c.newValue)}
      </td>
    </tr>
  )
}

export function BodyDiffView({ diff, sameBody }: { diff: BodyDiff; sameBody: boolean }) {
  if (sameBody || diff.identical) return <p className="dim">Bodies identical.</p>
  if (diff.kind === 'json') {
    return (
      <div>
        <p className="dim">
          {diff.counts.added} added · {diff.counts.removed} removed · {diff.counts.changed} changed
          {diff.counts.moved ? ` · ${diff.counts.moved} moved` : ''}
          {diff.truncated ? ' (first changes only)' : ''}
          {diff.approximate ? ' (approximate)' : ''}
        </p>
        <table className="diff-table" data-testid="body-diff">
          <thead>
            <tr>
              <th />
              <th>Path</th>
              <th data-testid="diff-head-a">A (before)</th>
              <th data-testid="diff-head-b">B (after)</th>
            </tr>
          </thead>
          <tbody>
            {diff.changes.map((c, i) => (
              <JsonChangeRow key={i} c={c} />
            ))}
          </tbody>
        </table>
      </div>
    )
  }
  if (diff.kind === 'text') {
    return (
      <pre className="raw unified" data-testid="body-diff">
        {diff.hunks.map((h, i) => (
          <span key={i}>
            <span className="dim">{`@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@\n`}</span>
            {h.lines.map((l, j) => (
              <span key={j} className={l[0] === '+' ? 'l-add' : l[0] === '-' ? 'l-del' : ''}>
                {l}
                {'\n'}
              </span>
            ))}
          </span>
        ))}
        {diff.tooLarge && 'Too different to diff line by line.'}
      </pre>
    )
  }
  return (
    <p data-testid="body-diff">
      Binary bodies: {diff.sizeA} vs {diff.sizeB} bytes, first difference at byte{' '}
      {diff.firstDifferenceAt ?? '—'}, {diff.differingBytes} bytes differ.
    </p>
  )
}

export function EventDiffView({ diff }: { diff: EventDiff }) {
  return (
    <div className="event-diff">
      {diff.request.length > 0 && (
        <>
          <h3>Request line</h3>
          <ul>
            {diff.request.map((r) => (
              <li key={r.field} className="mono">
                {r.field}: <span className="old">{r.oldValue}</span> →{' '}
                <span className="new">{r.newValue}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>Body</h3>
      <BodyDiffView diff={diff.body} sameBody={diff.sameBody} />
      <h3>Headers</h3>
      <HeaderDiffTable diff={diff.headers} />
    </div>
  )
}
