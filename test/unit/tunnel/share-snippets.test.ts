import { describe, expect, it } from 'vitest'
import { shareSnippets } from '../../../electron/core/share/snippets'

describe('shareSnippets', () => {
  const out = shareSnippets({
    publicUrl: 'https://abcd.loca.lt/',
    path: 'hooks/agent',
    secret: "s3cr'et",
  })
  const byId = Object.fromEntries(out.snippets.map((s) => [s.id, s.text]))

  it('builds the URL from the public URL and path', () => {
    expect(out.url).toBe('https://abcd.loca.lt/hooks/agent')
    expect(out.warning).toBeNull()
  })

  it('gives an Agent Gateway notifications.webhooks entry', () => {
    const y = byId['agent-gateway']
    expect(y).toContain('notifications:\n  webhooks:\n    - name: "hooklens"')
    expect(y).toContain('url: "https://abcd.loca.lt/hooks/agent"')
    expect(y).toContain(`secret: "s3cr'et"`)
    expect(y).toMatch(/- on_complete\n\s+- on_error\n\s+- on_timeout/)
  })

  it('gives an AgentField WebhookConfig', () => {
    const py = byId.agentfield
    expect(py).toContain('from agentfield.types import WebhookConfig')
    expect(py).toContain('url="https://abcd.loca.lt/hooks/agent"')
    expect(py).toContain(`secret="s3cr'et"`)
  })

  it('gives shell-safe curl commands', () => {
    expect(byId.curl).toContain("curl -sS -X POST 'https://abcd.loca.lt/hooks/agent'")
    // The single quote inside the secret is closed, escaped and reopened.
    expect(byId.a2a).toContain(`s3cr'\\''et`)
    expect(byId.a2a).toContain('tasks/pushNotificationConfig/set')
  })

  it('uses a placeholder and warns when there is no public URL', () => {
    const none = shareSnippets({ publicUrl: null })
    expect(none.url).toBe('https://YOUR-TUNNEL.loca.lt/hooks')
    expect(none.warning).toMatch(/no public URL/)
  })
})
