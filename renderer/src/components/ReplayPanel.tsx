/**
 * Replay the open event to a target (remembered across runs), optionally re-signed and with
 * edited headers/body, and show the response and this event's delivery history.
 */
import { useEffect, useState } from 'react'
import type { CapturedEvent } from '../../../shared/event'
import { useInspector, useInspectorStore } from '../store/context'
import { headerEdits, headerLines } from '../lib/replay-edits'
import type { Delivery } from '../../../shared/api'
import { bodyText, formatTime } from '../lib/format'
import { StatusCode } from './Badges'

/** Statuses that mean the capture carried a signature (or token) worth re-signing. */
const SIGNED = new Set(['valid', 'invalid', 'unverifiable'])

export function ReplayPanel({ event }: { event: CapturedEvent }) {
  const store = useInspectorStore()
  const target = useInspector((s) => s.replayTarget)
  const preferResign = useInspector((s) => s.replayResign)
  // Re-signing a request that never had a signature would add headers it never carried.
  const signed = SIGNED.has(event.verification.status)
  const [resign, setResign] = useState(() => signed && preferResign)
  const sending = useInspector((s) => s.replaySending)
  const error = useInspector((s) => s.replayError)
  const history = useInspector((s) => s.replayHistory[event.id])
  const originalText = bodyText(event.body, event.bodyEncoding)
  const [headersText, setHeadersText] = useState(() => headerLines(event.headers))
  const [bodyDraft, setBodyDraft] = useState(originalText ?? '')
  const [shown, setShown] = useState<Delivery | null>(null)
  const [newId, setNewId] = useState(false)

  useEffect(() => {
    void store.getState().loadReplayHistory(event.id)
  }, [store, event.id])

  async function send() {
    const edit = headerEdits(event.headers, headersText)
    if (originalText !== null && bodyDraft !== originalText) edit.body = bodyDraft
    if (resign && newId) edit.newId = true
    const result = await store.getState().sendReplay(event.id, { ...edit, resign })
    if (result) setShown(result)
  }

  const latest = shown ?? history?.[0] ?? null
  return (
    <div className="replay" data-testid="replay-panel">
      <div className="replay-target">
        <input
          type="url"
          value={target}
          spellCheck={false}
          data-testid="replay-target"
          aria-label="Target URL"
          onChange={(e) => store.getState().setReplayTarget(e.target.value)}
        />
        <label>
          <input
            type="checkbox"
            checked={resign}
            data-testid="replay-resign"
            onChange={(e) => {
              setResign(e.target.checked)
              if (signed) store.getState().setReplayResign(e.target.checked)
            }}
          />{' '}
          Re-sign{!signed && <span className="dim"> (unsigned capture)</span>}
        </label>
        <label title="Re-sign under a fresh message id, so the handler sees a new event">
          <input
            type="checkbox"
            checked={resign && newId}
            disabled={!resign}
            data-testid="replay-new-id"
            onChange={(e) => setNewId(e.target.checked)}
          />{' '}
          New id
        </label>
        <button
          className="primary"
          data-testid="replay-send"
          disabled={sending}
          onClick={() => void send()}
        >
          {sending ? 'Sending…' : 'Send'}
        </button>
      </div>
      {error && (
        <p className="bad" data-testid="replay-error">
          {error}
        </p>
      )}
      <details>
        <summary>Edit headers and body</summary>
        <label className="field">
          Headers (one “Name: value” per line)
          <textarea
            rows={6}
            value={headersText}
            spellCheck={false}
            data-testid="replay-headers"
            onChange={(e) => setHeadersText(e.target.value)}
          />
        </label>
        {originalText !== null ? (
          <label className="field">
            {resign
              ? 'Body (re-signed when a secret is known)'
              : 'Body (sent under the original signature: tests the reject path)'}
            <textarea
              rows={8}
              value={bodyDraft}
              spellCheck={false}
              data-testid="replay-body"
              onChange={(e) => setBodyDraft(e.target.value)}
            />
          </label>
        ) : (
          <p className="dim">Binary body: sent as captured.</p>
        )}
      </details>
      {latest && <DeliveryResult d={latest} />}
      {history && history.length > 0 && (
        <>
          <h3>History</h3>
          <ul className="history" data-testid="replay-history">
            {history.map((d) => (
              <li key={d.id} data-created={d.createdAt}>
                <button className="link mono" onClick={() => setShown(d)}>
                  {d.createdAt ? formatTime(d.createdAt) : d.id} {d.kind} → {d.target}
                </button>{' '}
                <StatusCode status={d.response?.status} /> <span className="dim">{d.status}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  )
}

export function DeliveryResult({ d }: { d: Delivery }) {
  const r = d.response
  const text = r ? bodyText(r.body, r.bodyEncoding) : null
  return (
    <div className="panel" data-testid="replay-result">
      <h3>
        Response <StatusCode status={r?.status} />{' '}
        <span className="dim">
          {d.status}
          {d.latencyMs != null ? ` · ${d.latencyMs} ms` : ''}
        </span>
      </h3>
      {d.lastError && <p className="bad">{d.lastError}</p>}
      {d.notes?.map((n) => (
        <p key={n} className="dim">
          {n}
        </p>
      ))}
      {r && (
        <>
          <table className="headers small">
            <tbody>
              {r.headers.map(([n, v], i) => (
                <tr key={i}>
                  <th className="mono">{n}</th>
                  <td className="mono">{v}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <pre className="raw" data-testid="replay-response-body">
            {text ?? `(binary, ${r.size} bytes)`}
          </pre>
          {r.truncated && <p className="dim">Response truncated.</p>}
        </>
      )}
    </div>
  )
}
