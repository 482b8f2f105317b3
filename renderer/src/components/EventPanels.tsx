/** Detail panels: the verification verdict with its diagnosis, and the idempotency family. */
import { useMemo } from 'react'
import type { CapturedEvent } from '../../../shared/event'
import { useInspector, useInspectorStore } from '../store/context'
import { formatTime } from '../lib/format'
import { BodyDiffView } from './DiffView'

/** 'skewSeconds' → 'skew seconds', 'wrong-secret' → 'wrong secret': keys read as words. */
export function inWords(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[-_]+/g, ' ')
    .toLowerCase()
}

export function VerificationPanel({ e }: { e: CapturedEvent }) {
  const v = e.verification
  const details = v.diagnosis?.details
  return (
    <div className={`panel verify-panel verify-${v.status}`} data-testid="verification-panel">
      <h3>
        Verification <span className="dim">{v.scheme ?? 'no scheme'}</span>
      </h3>
      <p className="verdict">
        <strong data-testid="verification-status">{v.status}</strong>
        {' — '}
        <span data-testid="verification-reason">{v.reason}</span>
      </p>
      {v.diagnosis && (
        <div className="diagnosis" data-testid="diagnosis">
          <div>
            <span className="dim">Diagnosis:</span>{' '}
            <strong title={v.diagnosis.kind}>{inWords(v.diagnosis.kind)}</strong>
          </div>
          {v.diagnosis.message !== v.reason && <div>{v.diagnosis.message}</div>}
          {details && Object.keys(details).length > 0 && (
            <table className="kv small">
              <tbody>
                {Object.entries(details).map(([k, val]) => (
                  <tr key={k}>
                    <th>{inWords(k)}</th>
                    <td className="mono">{typeof val === 'string' ? val : JSON.stringify(val)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </div>
  )
}

export function IdempotencyPanel({ e }: { e: CapturedEvent }) {
  const store = useInspectorStore()
  const events = useInspector((s) => s.events)
  const fromFirst = useInspector((s) => s.detail.fromFirst)
  const idem = e.idempotency
  const family = useMemo(
    () => events.filter((x) => x.idempotency?.key === idem.key && x.id !== idem.firstId),
    [events, idem.key, idem.firstId],
  )
  return (
    <div className="panel" data-testid="idempotency-panel">
      <h3>
        Idempotency <span className="dim">{idem.source}</span>
      </h3>
      <p>
        Key <code>{idem.key}</code> — <strong data-testid="idem-status">{idem.status}</strong>
        {idem.count > 1 ? `, seen ${idem.count} times` : ''}
      </p>
      {idem.retry && idem.retry.length > 0 && (
        <p className="dim">
          Retry signals: {idem.retry.map((r) => `${r.header}: ${r.value}`).join(', ')}
        </p>
      )}
      {idem.firstId !== e.id && idem.firstEvicted && (
        <p className="dim" data-testid="idem-first-evicted">
          First seen: {idem.firstId} — first delivery no longer stored (dropped by retention)
        </p>
      )}
      {idem.firstId !== e.id && !idem.firstEvicted && (
        <p>
          First seen:{' '}
          <button
            className="link"
            data-testid="idem-first"
            onClick={() => void store.getState().select(idem.firstId)}
          >
            {idem.firstId}
          </button>
        </p>
      )}
      {fromFirst && fromFirst.id === idem.firstId && idem.status === 'conflict' && (
        <div data-testid="conflict-diff">
          <p>Same key, different body — what changed since the first delivery:</p>
          <BodyDiffView diff={fromFirst.diff.body} sameBody={fromFirst.diff.sameBody} />
        </div>
      )}
      {family.length > 0 && (
        <ul className="family" data-testid="idem-family">
          {family.map((x) => (
            <li key={x.id}>
              <button className="link mono" onClick={() => void store.getState().select(x.id)}>
                {formatTime(x.receivedAt)} {x.idempotency.status}
              </button>
              {x.id === e.id && <span className="dim"> (this one)</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
