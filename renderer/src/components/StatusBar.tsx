/**
 * Bottom bar: public URL with copy, tunnel state — and, while it is not online, why (a
 * failing tunnel says so, with its error and next retry, instead of "connecting") — receiver
 * port, event count.
 */
import type { TunnelStatus } from '../../../shared/api'
import { useInspector, useInspectorStore } from '../store/context'
import { copyText } from '../lib/browser'

/** A tunnel that keeps retrying after an error is failing, not merely connecting. */
export function tunnelLabel(t: TunnelStatus): { label: string; failing: boolean } {
  if (t.state === 'disabled') return { label: 'tunnel off', failing: false }
  const failing =
    t.state === 'offline' ||
    ((t.state === 'connecting' || t.state === 'reconnecting') && /\bretry\b/i.test(t.reason))
  return { label: failing ? `tunnel failing (${t.state})` : `tunnel ${t.state}`, failing }
}

export function StatusBar() {
  const store = useInspectorStore()
  const status = useInspector((s) => s.status)
  const loaded = useInspector((s) => s.events.length)
  if (!status) return <footer className="statusbar dim">Connecting…</footer>
  const tunnel = status.tunnel
  const url = status.publicUrl ?? status.receiverUrl
  const { label, failing } = tunnelLabel(tunnel)
  return (
    <footer className="statusbar" data-testid="status-bar">
      <span className={`dot t-${tunnel.state}`} title={tunnel.reason} />
      <span data-testid="tunnel-state" className={failing ? 'bad' : undefined}>
        {label}
      </span>
      {tunnel.state !== 'online' && tunnel.state !== 'disabled' && (
        <span
          className={`tunnel-reason ${failing ? 'warn-text' : 'dim'}`}
          data-testid="tunnel-reason"
          title={tunnel.reason}
        >
          {tunnel.reason}
        </span>
      )}
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
