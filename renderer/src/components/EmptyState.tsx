/** First run: where to send webhooks, and a ready curl command to send the first one. */
import { useInspector, useInspectorStore } from '../store/context'
import { copyText } from '../lib/browser'
import { tunnelLabel } from './StatusBar'

export function EmptyState() {
  const store = useInspectorStore()
  const status = useInspector((s) => s.status)
  const url = (status?.publicUrl ?? status?.receiverUrl ?? 'http://127.0.0.1:9000').replace(
    /\/+$/,
    '',
  )
  const cmd = `curl -X POST ${url}/webhook -H 'Content-Type: application/json' -d '{"hello":"hooklens"}'`
  const copy = async (text: string) =>
    store.getState().notify((await copyText(text)) ? 'Copied.' : 'Could not copy.')
  return (
    <div className="empty" data-testid="empty-state">
      <h1>Waiting for the first webhook</h1>
      <p>Point your agent platform, Stripe, GitHub or Svix sender at:</p>
      <div className="copy-line">
        <code data-testid="empty-url">{url}</code>
        <button onClick={() => void copy(url)}>Copy</button>
      </div>
      {!status?.publicUrl && (
        <p className="dim" data-testid="empty-tunnel">
          {!status || status.tunnel.state === 'disabled'
            ? 'No public tunnel'
            : `Public ${tunnelLabel(status.tunnel).label}: ${status.tunnel.reason}`}
          . Until one is online, this address only works from this machine.
        </p>
      )}
      <p>Or send one now:</p>
      <div className="copy-line">
        <code data-testid="empty-curl">{cmd}</code>
        <button data-testid="copy-curl-example" onClick={() => void copy(cmd)}>
          Copy
        </button>
      </div>
    </div>
  )
}
