/**
 * Response rules, editable in place: which requests (method, path glob) get which answer
 * (status, headers, body, delay). Edits stay in a draft until saved, so a half-typed rule never
 * reaches the receiver; the first matching rule answers, as in the core.
 */
import { useEffect, useState } from 'react'
import type { ResponseRule } from '../../../shared/settings'

interface Draft {
  id: string
  method: string
  path: string
  status: string
  headers: string
  body: string
  delayMs: string
}

function toDraft(r: ResponseRule): Draft {
  return {
    id: r.id,
    method: r.method ?? '*',
    path: r.path ?? '/**',
    status: String(r.status),
    headers: (r.headers ?? []).map(([k, v]) => `${k}: ${v}`).join('\n'),
    body: r.body ?? '',
    delayMs: r.delayMs ? String(r.delayMs) : '',
  }
}

/** A draft as a rule, or the sentence saying what is wrong with it. */
export function fromDraft(d: Draft): ResponseRule | string {
  const status = Number(d.status)
  if (!Number.isInteger(status) || status < 100 || status > 599)
    return `status must be 100–599, not "${d.status}"`
  const delayMs = d.delayMs.trim() ? Number(d.delayMs) : 0
  if (!Number.isInteger(delayMs) || delayMs < 0) return `delay must be whole milliseconds`
  const headers: [string, string][] = []
  for (const line of d.headers.split('\n')) {
    if (!line.trim()) continue
    const colon = line.indexOf(':')
    if (colon <= 0) return `header line "${line}" needs "Name: value"`
    headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()])
  }
  const method = d.method.trim().toUpperCase() || '*'
  return {
    id: d.id,
    ...(method !== '*' ? { method } : {}),
    path: d.path.trim() || '/**',
    status,
    ...(headers.length ? { headers } : {}),
    ...(d.body ? { body: d.body } : {}),
    ...(delayMs ? { delayMs } : {}),
  }
}

type DraftField = Exclude<keyof Draft, 'id'>

/** One editable column of the rules table; the header row shows `label`. */
interface Column {
  field: DraftField
  label: string
  testId: string
  /** Multi-line fields are textareas. */
  multiline?: boolean
  short?: boolean
  numeric?: boolean
  placeholder?: string
  ariaLabel?: string
}

const COLUMNS: Column[] = [
  { field: 'method', label: 'Method', testId: 'rule-method', short: true },
  { field: 'path', label: 'Path glob', testId: 'rule-path' },
  { field: 'status', label: 'Status', testId: 'rule-status', short: true, numeric: true },
  {
    field: 'headers',
    label: 'Headers',
    testId: 'rule-headers',
    multiline: true,
    placeholder: 'Retry-After: 30',
  },
  { field: 'body', label: 'Body', testId: 'rule-body', multiline: true },
  {
    field: 'delayMs',
    label: 'Delay ms',
    testId: 'rule-delay',
    short: true,
    numeric: true,
    ariaLabel: 'Delay in milliseconds',
  },
]

function DraftCell(props: { column: Column; value: string; onChange: (value: string) => void }) {
  const c = props.column
  const common = {
    value: props.value,
    placeholder: c.placeholder,
    'aria-label': c.ariaLabel ?? c.label,
    'data-testid': c.testId,
  }
  if (c.multiline) {
    return <textarea rows={2} {...common} onChange={(e) => props.onChange(e.target.value)} />
  }
  return (
    <input
      className={c.short ? 'short' : undefined}
      inputMode={c.numeric ? 'numeric' : undefined}
      {...common}
      onChange={(e) => props.onChange(e.target.value)}
    />
  )
}

const blank = (): Draft => ({
  id: `resp-${Date.now().toString(36)}`,
  method: '*',
  path: '/**',
  status: '200',
  headers: '',
  body: '',
  delayMs: '',
})

export function ResponseRulesEditor(props: {
  rules: ResponseRule[]
  onSave: (rules: ResponseRule[]) => void
}) {
  const [drafts, setDrafts] = useState<Draft[]>(() => props.rules.map(toDraft))
  const [error, setError] = useState<string | null>(null)
  useEffect(() => setDrafts(props.rules.map(toDraft)), [props.rules])

  const edit = (i: number, patch: Partial<Draft>) =>
    setDrafts(drafts.map((d, j) => (j === i ? { ...d, ...patch } : d)))

  function save() {
    const rules: ResponseRule[] = []
    for (const [i, d] of drafts.entries()) {
      const r = fromDraft(d)
      if (typeof r === 'string') return setError(`Rule ${i + 1}: ${r}`)
      rules.push(r)
    }
    setError(null)
    props.onSave(rules)
  }

  return (
    <div data-testid="response-rules">
      <p className="dim">
        The first rule whose method and path match answers; other requests get the default answer.
      </p>
      {drafts.length > 0 && (
        <table className="grid rules">
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <th key={c.field}>{c.label}</th>
              ))}
              <th />
            </tr>
          </thead>
          <tbody>
            {drafts.map((d, i) => (
              <tr key={d.id} data-testid="response-rule">
                {COLUMNS.map((c) => (
                  <td key={c.field}>
                    <DraftCell
                      column={c}
                      value={d[c.field]}
                      onChange={(value) => edit(i, { [c.field]: value })}
                    />
                  </td>
                ))}
                <td>
                  <button
                    className="link"
                    onClick={() => setDrafts(drafts.filter((_, j) => j !== i))}
                  >
                    remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {error && (
        <p className="bad" data-testid="rules-error">
          {error}
        </p>
      )}
      <p>
        <button data-testid="rule-new" onClick={() => setDrafts([...drafts, blank()])}>
          Add response rule
        </button>{' '}
        <button className="primary" data-testid="rules-save" onClick={save}>
          Save response rules
        </button>
      </p>
    </div>
  )
}
