/** Bottom bar: public URL with copy, tunnel state, receiver port, event count. */
import { useInspector, useInspectorStore } from '../store/context'
import { copyText } from '../lib/browser'

export function StatusBar() {
  const store = useInspectorStore()
  const status = useInspector((s) => s.status)
  const loaded = useInspector((s) => s.events.length)
  if (!status) return <footer className="statusbar dim">Connecting…</footer>
  const tunnel = status.tunnel
  const url = status.publicUrl ?? status.receiverUrl
  return (
    <footer className="statusbar" data-testid="status-bar">
      <span className={`dot t-${tunnel.state}`} title={tunnel.reason} />
      <span data-testid="tunnel-state">
        {tunnel.state === 'disabled' ? 'tunnel off' : `tunnel ${tunnel.state}`}
      </span>
      <span className="mono url" data-testid="public-url">
        {url}
      </span>
      <button
        className="small"
        data-testid="copy-url"
        onClick={async () =>
          store.getState().notify((await copyText(url)) ? `Copied ${url}` : 'Could not copy.')
        }
      >
        Copy
      </button>
      {tunnel.previousUrl && tunnel.previousUrl !== tunnel.url && (
        <span className="warn-text">
          URL changed from {tunnel.previousUrl}: re-point your agents
        </span>
      )}
      <button
        className="small"
        data-testid="tunnel-toggle"
        onClick={() => void store.getState().toggleTunnel()}
      >
        {tunnel.state === 'disabled' || tunnel.state === 'offline' ? 'Start tunnel' : 'Stop tunnel'}
      </button>
      <span className="spacer" />
      {status.paused && <span className="warn-text">capture paused</span>}
      <span>receiver :{status.receiverPort}</span>
      <span data-testid="event-count">{Math.max(status.eventCount, loaded)} events</span>
      <span className="dim">v{status.version}</span>
    </footer>
  )
}
