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
              <th>Method</th>
              <th>Path glob</th>
              <th>Status</th>
              <th>Headers</th>
              <th>Body</th>
              <th>Delay ms</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {drafts.map((d, i) => (
              <tr key={d.id} data-testid="response-rule">
                <td>
                  <input
                    className="short"
                    value={d.method}
                    aria-label="Method"
                    data-testid="rule-method"
                    onChange={(e) => edit(i, { method: e.target.value })}
                  />
                </td>
                <td>
                  <input
                    value={d.path}
                    aria-label="Path glob"
                    data-testid="rule-path"
                    onChange={(e) => edit(i, { path: e.target.value })}
                  />
                </td>
                <td>
                  <input
                    className="short"
                    inputMode="numeric"
                    value={d.status}
                    aria-label="Status"
                    data-testid="rule-status"
                    onChange={(e) => edit(i, { status: e.target.value })}
                  />
                </td>
                <td>
                  <textarea
                    rows={2}
                    value={d.headers}
                    placeholder="Retry-After: 30"
                    aria-label="Headers"
                    data-testid="rule-headers"
                    onChange={(e) => edit(i, { headers: e.target.value })}
                  />
                </td>
                <td>
                  <textarea
                    rows={2}
                    value={d.body}
                    aria-label="Body"
                    data-testid="rule-body"
                    onChange={(e) => edit(i, { body: e.target.value })}
                  />
                </td>
                <td>
                  <input
                    className="short"
                    inputMode="numeric"
                    value={d.delayMs}
                    aria-label="Delay in milliseconds"
                    data-testid="rule-delay"
                    onChange={(e) => edit(i, { delayMs: e.target.value })}
                  />
                </td>
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
