/**
 * Settings → "Use with your coding agent": the config entry that adds `hooklens mcp` to
 * Claude Code, Cursor or VS Code, with a Copy button — the same text as the README.
 */
import { useState } from 'react'
import { MCP_CONFIG_SNIPPETS } from '../../../shared/mcp-config'
import { copyText } from '../lib/browser'
import { useInspectorStore } from '../store/context'

export function McpSnippet() {
  const store = useInspectorStore()
  const [selected, setSelected] = useState(MCP_CONFIG_SNIPPETS[0].id)
  const snippet = MCP_CONFIG_SNIPPETS.find((s) => s.id === selected) ?? MCP_CONFIG_SNIPPETS[0]
  const copy = async () =>
    store.getState().notify((await copyText(snippet.text)) ? 'Copied.' : 'Could not copy.')
  return (
    <section data-testid="mcp-snippet">
      <h2>Use with your coding agent</h2>
      <p className="dim">
        Your agent can list, wait for, explain and replay the webhooks Hooklens catches. Captured
        content reaches it marked as untrusted data; secrets never do.
      </p>
      <p role="tablist">
        {MCP_CONFIG_SNIPPETS.map((s) => (
          <span key={s.id}>
            <button
              role="tab"
              aria-selected={s.id === snippet.id}
              data-testid={`mcp-snippet-${s.id}`}
              onClick={() => setSelected(s.id)}
            >
              {s.id === snippet.id ? <strong>{s.title}</strong> : s.title}
            </button>{' '}
          </span>
        ))}
      </p>
      <p className="dim">{snippet.where}:</p>
      <pre className="raw" data-testid="mcp-snippet-text">
        {snippet.text}
      </pre>
      <p>
        <button data-testid="mcp-snippet-copy" onClick={() => void copy()}>
          Copy
        </button>
      </p>
    </section>
  )
}
