/**
 * Forwarding rules, and deliveries (replays and forwards) with the dead letters and redrive; a
 * delivery's request and answer open right under its row, scrolled into view.
 */
import { Fragment, useEffect, useRef, useState } from 'react'
import { useInspector, useInspectorStore } from '../store/context'
import { formatTime } from '../lib/format'
import { StatusCode } from './Badges'
import { DeliveryResult } from './ReplayPanel'
import type { Delivery } from '../../../shared/api'

function OpenDelivery({ d }: { d: Delivery }) {
  const ref = useRef<HTMLTableRowElement>(null)
  useEffect(() => {
    ref.current?.scrollIntoView({ block: 'nearest' })
  }, [d.id])
  return (
    <tr ref={ref} className="delivery-open" data-testid="delivery-open">
      <td colSpan={8}>
        <DeliveryResult d={d} />
      </td>
    </tr>
  )
}

export function DeliveriesView() {
  const store = useInspectorStore()
  const deliveries = useInspector((s) => s.deliveries)
  const settings = useInspector((s) => s.settings)
  const [status, setStatus] = useState('')
  const [open, setOpen] = useState<string | null>(null)
  const [target, setTarget] = useState('')
  const [pathFilter, setPathFilter] = useState('')
  const rules = settings?.forwardRules ?? []

  useEffect(() => {
    void store.getState().loadSettings()
  }, [store])
  useEffect(() => {
    void store.getState().loadDeliveries(status || undefined)
  }, [store, status])

  function saveRules(next: typeof rules) {
    void store.getState().updateSettings({ forwardRules: next })
  }

  const dead = deliveries.filter((d) => d.status === 'dead').length
  return (
    <div className="page" data-testid="deliveries-view">
      <h2>Forwarding rules</h2>
      <p className="dim">
        Every captured event that matches a rule is sent on to its targets, retried with backoff;
        after the last attempt it becomes a dead letter.
      </p>
      <table className="grid" data-testid="forward-rules">
        <thead>
          <tr>
            <th>Targets</th>
            <th>Path</th>
            <th>Platform</th>
            <th>Enabled</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rules.map((r) => (
            <tr key={r.id}>
              <td className="mono">{r.targets.join(', ')}</td>
              <td className="mono">{r.filter?.path ?? 'any'}</td>
              <td>{r.filter?.platform ?? 'any'}</td>
              <td>
                <input
                  type="checkbox"
                  checked={r.enabled !== false}
                  onChange={(e) =>
                    saveRules(
                      rules.map((x) => (x.id === r.id ? { ...x, enabled: e.target.checked } : x)),
                    )
                  }
                />
              </td>
              <td>
                <button
                  className="link"
                  onClick={() => saveRules(rules.filter((x) => x.id !== r.id))}
                >
                  remove
                </button>
              </td>
            </tr>
          ))}
          <tr>
            <td>
              <input
                placeholder="http://localhost:3000/webhook"
                value={target}
                data-testid="rule-target"
                onChange={(e) => setTarget(e.target.value)}
              />
            </td>
            <td>
              <input
                placeholder="/hooks/*"
                value={pathFilter}
                onChange={(e) => setPathFilter(e.target.value)}
              />
            </td>
            <td colSpan={2} />
            <td>
              <button
                disabled={!target}
                data-testid="rule-add"
                onClick={() => {
                  const id = `rule-${Date.now().toString(36)}`
                  saveRules([
                    ...rules,
                    {
                      id,
                      targets: [target],
                      ...(pathFilter ? { filter: { path: pathFilter } } : {}),
                    },
                  ])
                  setTarget('')
                  setPathFilter('')
                }}
              >
                Add
              </button>
            </td>
          </tr>
        </tbody>
      </table>

      <h2>
        Deliveries{' '}
        <select
          value={status}
          onChange={(e) => setStatus(e.target.value)}
          data-testid="delivery-status"
        >
          <option value="">all</option>
          <option value="dead">dead letters</option>
          <option value="failed">failed</option>
          <option value="pending">pending</option>
          <option value="delivered">delivered</option>
        </select>{' '}
        {dead > 0 && (
          <button
            data-testid="redrive-all"
            onClick={() => void store.getState().redrive({ all: true })}
          >
            Redrive all dead letters ({dead})
          </button>
        )}
      </h2>
      {deliveries.length === 0 ? (
        <p className="dim">No deliveries{status ? ` with status ${status}` : ''}.</p>
      ) : (
        <table className="grid" data-testid="deliveries">
          <thead>
            <tr>
              <th>Created</th>
              <th>Kind</th>
              <th>Event</th>
              <th>Target</th>
              <th>Status</th>
              <th>Attempts</th>
              <th>Answer</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {deliveries.map((d) => (
              <Fragment key={d.id}>
                <tr className={`st-${d.status}`}>
                  <td className="mono">{d.createdAt ? formatTime(d.createdAt) : ''}</td>
                  <td>{d.kind}</td>
                  <td className="mono">
                    <button
                      className="link"
                      onClick={() => {
                        store.getState().setView('events')
                        void store.getState().select(d.eventId)
                      }}
                    >
                      {d.eventId.slice(-8)}
                    </button>
                  </td>
                  <td className="mono">{d.target}</td>
                  <td>{d.status}</td>
                  <td>
                    {d.attempts ?? ''}
                    {d.maxAttempts ? `/${d.maxAttempts}` : ''}
                  </td>
                  <td>
                    <StatusCode status={d.response?.status} />{' '}
                    <span className="dim">{d.lastError ?? ''}</span>
                  </td>
                  <td>
                    <button
                      className="link"
                      data-testid="delivery-show"
                      onClick={() => setOpen(open === d.id ? null : d.id)}
                    >
                      {open === d.id ? 'hide' : 'show'}
                    </button>
                    {d.status === 'dead' && (
                      <button
                        className="link"
                        data-testid="redrive"
                        onClick={() => void store.getState().redrive({ id: d.id })}
                      >
                        redrive
                      </button>
                    )}
                  </td>
                </tr>
                {open === d.id && <OpenDelivery d={d} />}
              </Fragment>
            ))}
          </tbody>
        </table>
      )}
    </div>
  )
}
