/** The open event: overview (with verification and idempotency), headers, body, changes, replay. */
import { useState } from 'react'
import { useInspector, useInspectorStore } from '../store/context'
import { copyText, downloadText } from '../lib/browser'
import { formatDateTime, formatSize } from '../lib/format'
import { CopyButton } from './CopyButton'
import { ParamsTable, parseParams } from './ParamsTable'
import { IdempotencyBadge, StatusCode, VerificationBadge } from './Badges'
import { BodyView } from './BodyView'
import { VerificationPanel, IdempotencyPanel } from './EventPanels'
import { ChangesPanel } from './ChangesPanel'
import { ReplayPanel } from './ReplayPanel'
import { FindingsBadge } from './agent-lens/FindingsBadge'
import { AgentLensPanel } from './agent-lens/AgentLensPanel'

type Tab = 'overview' | 'headers' | 'body' | 'changes' | 'replay'
const TABS: [Tab, string][] = [
  ['overview', 'Overview'],
  ['headers', 'Headers'],
  ['body', 'Body'],
  ['changes', 'Changes'],
  ['replay', 'Replay'],
]

export function EventDetail() {
  const store = useInspectorStore()
  const detail = useInspector((s) => s.detail)
  const compareA = useInspector((s) => s.compareA)
  const [tab, setTab] = useState<Tab>('overview')
  const e = detail.event

  if (detail.error) return <section className="detail">{detail.error}</section>
  if (!e) return <section className="detail dim">Loading…</section>

  async function exportOne(format: 'har' | 'json' | 'curl') {
    const s = store.getState()
    try {
      const out = await s.exportEvents(format, [e!.id])
      downloadText(out.filename, out.mime, out.content)
    } catch (err) {
      s.notify(`Export failed: ${(err as Error).message}`)
    }
  }

  async function copyCurl() {
    const s = store.getState()
    try {
      const ok = await copyText(await s.curlFor(e!.id))
      s.notify(ok ? 'cURL command copied.' : 'Could not copy to the clipboard.')
    } catch (err) {
      s.notify((err as Error).message)
    }
  }

  return (
    <section className="detail" data-testid="event-detail" data-event-id={e.id}>
      <div className="detail-head">
        <span className={`method m-${e.method.toLowerCase()}`}>{e.method}</span>
        <span className="mono path" data-testid="detail-path">
          {e.path}
          {e.query ? `?${e.query}` : ''}
        </span>
        <VerificationBadge e={e} />
        <IdempotencyBadge e={e} />
        <FindingsBadge e={e} />
        <span className="spacer" />
        <button data-testid="copy-curl" onClick={() => void copyCurl()}>
          Copy as cURL
        </button>
        <select
          data-testid="export-event"
          value=""
          aria-label="Export this event"
          onChange={(ev) => {
            const f = ev.target.value as 'har' | 'json' | 'curl'
            if (f) void exportOne(f)
          }}
        >
          <option value="">Export…</option>
          <option value="har">HAR 1.2</option>
          <option value="json">JSON</option>
          <option value="curl">cURL</option>
        </select>
        <button data-testid="compare-set-a" onClick={() => store.getState().setCompareA(e.id)}>
          {compareA === e.id ? 'Marked A' : 'Mark as A'}
        </button>
        {compareA && compareA !== e.id && (
          <button
            data-testid="compare-with-a"
            onClick={() => void store.getState().compareWith(e.id)}
          >
            Compare with A
          </button>
        )}
        <button className="icon" title="Close (Esc)" onClick={() => store.getState().closeDetail()}>
          ×
        </button>
      </div>
      <nav className="subtabs" role="tablist">
        {TABS.map(([id, label]) => (
          <button
            key={id}
            role="tab"
            aria-selected={tab === id}
            className={tab === id ? 'tab active' : 'tab'}
            data-testid={`detail-tab-${id}`}
            onClick={() => setTab(id)}
          >
            {label}
            {id === 'headers' ? ` (${e.headers.length})` : ''}
          </button>
        ))}
      </nav>
      <div className="detail-body">
        {tab === 'overview' && (
          <>
            <table className="kv" data-testid="overview">
              <tbody>
                <tr>
                  <th>Id</th>
                  <td className="mono">{e.id}</td>
                </tr>
                <tr>
                  <th>Received</th>
                  <td className="mono" title={e.receivedAt}>
                    {formatDateTime(e.receivedAt)}
                  </td>
                </tr>
                <tr>
                  <th>From</th>
                  <td className="mono">
                    {e.remoteAddress} ({e.via}
                    {e.forwardedFor ? `, for ${e.forwardedFor}` : ''})
                  </td>
                </tr>
                <tr>
                  <th>Platform</th>
                  <td>
                    {e.classification.platform}
                    {e.classification.eventType ? ` · ${e.classification.eventType}` : ''}
                  </td>
                </tr>
                <tr>
                  <th>Subject</th>
                  <td className="mono">{e.classification.subject ?? '—'}</td>
                </tr>
                <tr>
                  <th>Size</th>
                  <td>
                    {formatSize(e.size)}{' '}
                    <span className="dim mono">sha256 {e.sha256.slice(0, 16)}…</span>
                  </td>
                </tr>
                <tr>
                  <th>Answered</th>
                  <td>
                    <StatusCode status={e.response?.status} /> in {e.response?.latencyMs ?? '?'} ms
                  </td>
                </tr>
                {e.rejected && (
                  <tr>
                    <th>Rejected</th>
                    <td className="bad">{e.rejected}</td>
                  </tr>
                )}
                {e.warnings?.map((w) => (
                  <tr key={w}>
                    <th>Warning</th>
                    <td className="warn-text">{w}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {e.query && (
              <>
                <h3>Query parameters</h3>
                <ParamsTable pairs={parseParams(e.query)} testId="query-params" />
              </>
            )}
            <VerificationPanel e={e} />
            <IdempotencyPanel e={e} />
            <AgentLensPanel e={e} />
          </>
        )}
        {tab === 'headers' && (
          <table className="headers" data-testid="headers-table">
            <tbody>
              {e.headers.map(([name, value], i) => (
                <tr key={i} data-testid="header-row">
                  <th className="mono">{name}</th>
                  <td className="mono">{value}</td>
                  <td className="copy-cell">
                    <CopyButton text={value} what={`the ${name} header`} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {tab === 'body' && <BodyView event={e} decoded={detail.decoded} />}
        {tab === 'changes' && <ChangesPanel />}
        {tab === 'replay' && <ReplayPanel key={e.id} event={e} />}
      </div>
    </section>
  )
}
