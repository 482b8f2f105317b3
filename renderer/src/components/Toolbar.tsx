/** Above the list: filter box, order toggle, pause live updates, export, clear all. */
import { useState } from 'react'
import { useInspector, useInspectorStore } from '../store/context'
import { downloadText } from '../lib/browser'

export function Toolbar() {
  const store = useInspectorStore()
  const filterText = useInspector((s) => s.filterText)
  const newestFirst = useInspector((s) => s.newestFirst)
  const livePaused = useInspector((s) => s.livePaused)
  const held = useInspector((s) => s.held.length)
  const shown = useInspector((s) => s.visible.length)
  const total = useInspector((s) => s.events.length)
  const loadingMore = useInspector((s) => s.loadingMore)
  const searching = useInspector((s) => s.searching)
  const [confirmClear, setConfirmClear] = useState(false)

  async function doExport(format: 'har' | 'json' | 'curl') {
    const s = store.getState()
    const ids = s.filterText ? s.visible.map((e) => e.id) : undefined
    try {
      const out = await s.exportEvents(format, ids)
      downloadText(out.filename, out.mime, out.content)
    } catch (err) {
      s.notify(`Export failed: ${(err as Error).message}`)
    }
  }

  return (
    <div className="toolbar">
      <input
        className="filter"
        type="search"
        placeholder="Filter: text, platform:stripe, status:invalid, path:/hooks/*"
        value={filterText}
        spellCheck={false}
        data-testid="filter-input"
        onChange={(e) => store.getState().setFilter(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') (e.target as HTMLInputElement).blur()
        }}
      />
      <span className="count" data-testid="shown-count">
        {shown === total ? `${total} events` : `${shown} of ${total}`}
        {loadingMore && ' · loading older…'}
        {searching && ' · searching…'}
      </span>
      <button
        data-testid="toggle-order"
        title="Toggle newest first"
        onClick={() => store.getState().toggleNewestFirst()}
      >
        {newestFirst ? 'Newest first' : 'Oldest first'}
      </button>
      <button
        data-testid="toggle-live"
        className={livePaused ? 'warn' : ''}
        onClick={() => store.getState().setLivePaused(!livePaused)}
      >
        {livePaused ? `Resume live${held ? ` (${held})` : ''}` : 'Pause live'}
      </button>
      <select
        data-testid="export-menu"
        value=""
        aria-label="Export"
        onChange={(e) => {
          const f = e.target.value as 'har' | 'json' | 'curl'
          if (f) void doExport(f)
        }}
      >
        <option value="">Export{filterText ? ' filtered' : ' all'}…</option>
        <option value="har">HAR 1.2</option>
        <option value="json">JSON (event contract)</option>
        <option value="curl">cURL commands</option>
      </select>
      {confirmClear ? (
        <span className="confirm">
          Delete all events?{' '}
          <button
            className="danger"
            data-testid="clear-confirm"
            onClick={() => {
              setConfirmClear(false)
              void store.getState().clearAll()
            }}
          >
            Delete
          </button>
          <button onClick={() => setConfirmClear(false)}>Cancel</button>
        </span>
      ) : (
        <button data-testid="clear-all" onClick={() => setConfirmClear(true)}>
          Clear all
        </button>
      )}
    </div>
  )
}
