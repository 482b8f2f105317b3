/**
 * Copy-ready configuration for pointing a platform at Hooklens' public URL, as the API returns
 * it (`shareSnippets`); built by electron/core/share/snippets.ts.
 */

export interface ShareSnippet {
  id: 'agent-gateway' | 'agentfield' | 'a2a' | 'curl'
  title: string
  language: 'yaml' | 'python' | 'shell'
  text: string
}

export interface ShareSnippets {
  url: string
  /** Set when the snippets use a placeholder because no public URL is available. */
  warning: string | null
  snippets: ShareSnippet[]
}
