/** A collapsible JSON tree. Every key and value is a text node; nothing is parsed as HTML. */
import { useState } from 'react'

const PAGE = 200

function summary(v: unknown): string {
  if (Array.isArray(v)) return `[${v.length}]`
  if (v && typeof v === 'object') return `{${Object.keys(v).length}}`
  return ''
}

function Scalar({ v }: { v: unknown }) {
  if (v === null) return <span className="j-null">null</span>
  if (typeof v === 'string') return <span className="j-str">&quot;{v}&quot;</span>
  if (typeof v === 'number') return <span className="j-num">{String(v)}</span>
  if (typeof v === 'boolean') return <span className="j-bool">{String(v)}</span>
  return <span>{String(v)}</span>
}

function Node({ name, value, depth }: { name: string | null; value: unknown; depth: number }) {
  const isContainer = value !== null && typeof value === 'object'
  const [open, setOpen] = useState(depth < 3)
  const [limit, setLimit] = useState(PAGE)
  const label = name !== null && <span className="j-key">{name}: </span>
  if (!isContainer) {
    return (
      <div className="j-row">
        {label}
        <Scalar v={value} />
      </div>
    )
  }
  const entries: [string, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [String(i), v])
    : Object.entries(value as Record<string, unknown>)
  return (
    <div className="j-node">
      <div className="j-row j-toggle" onClick={() => setOpen(!open)}>
        <span className="j-caret">{open ? '▾' : '▸'}</span>
        {label}
        <span className="dim">{summary(value)}</span>
      </div>
      {open && (
        <div className="j-children">
          {entries.slice(0, limit).map(([k, v]) => (
            <Node key={k} name={k} value={v} depth={depth + 1} />
          ))}
          {entries.length > limit && (
            <button className="link" onClick={() => setLimit(limit + PAGE)}>
              show {Math.min(PAGE, entries.length - limit)} more of {entries.length - limit}
            </button>
          )}
        </div>
      )}
    </div>
  )
}

export function JsonTree({ value }: { value: unknown }) {
  return (
    <div className="json-tree mono" data-testid="body-tree">
      <Node name={null} value={value} depth={0} />
    </div>
  )
}
