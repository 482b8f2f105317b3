/**
 * Copy-ready configuration for pointing a platform at Hooklens' public URL: an Agent Gateway
 * `gateway.yaml` notifications.webhooks entry, an AgentField `WebhookConfig`, an A2A push
 * config call and a curl test. These are shown to the developer to copy (never logged).
 */
import type { ShareSnippets } from '../../../shared/snippets'

export type { ShareSnippet, ShareSnippets } from '../../../shared/snippets'

export interface ShareSnippetsOptions {
  /** The tunnel's public URL; null when no tunnel is online (snippets use a placeholder). */
  publicUrl: string | null
  /** Receiver path; default '/hooks'. */
  path?: string
  /** A signing secret to paste into the platform's config. */
  secret?: string
}

const PLACEHOLDER_URL = 'https://YOUR-TUNNEL.loca.lt'
const PLACEHOLDER_SECRET = 'CHOOSE-A-SECRET'

export function shareSnippets(opts: ShareSnippetsOptions): ShareSnippets {
  const path = normalise(opts.path ?? '/hooks')
  const base = (opts.publicUrl ?? PLACEHOLDER_URL).replace(/\/+$/, '')
  const url = base + path
  const secret = opts.secret ?? PLACEHOLDER_SECRET
  const warning = opts.publicUrl
    ? null
    : 'no public URL yet (tunnel not online): replace YOUR-TUNNEL once it is'
  return {
    url,
    warning,
    snippets: [
      {
        id: 'agent-gateway',
        title: 'Agent Gateway — gateway.yaml',
        language: 'yaml',
        text: [
          'notifications:',
          '  webhooks:',
          '    - name: "hooklens"',
          `      url: ${yamlString(url)}`,
          `      secret: ${yamlString(secret)}`,
          '      events:',
          '        - on_complete',
          '        - on_error',
          '        - on_timeout',
          '',
        ].join('\n'),
      },
      {
        id: 'agentfield',
        title: 'AgentField — WebhookConfig',
        language: 'python',
        text: [
          'from agentfield.types import WebhookConfig',
          '',
          'webhook = WebhookConfig(',
          `    url=${pyString(url)},`,
          `    secret=${pyString(secret)},  # HMAC-SHA256, X-AgentField-Signature`,
          ')',
          '',
        ].join('\n'),
      },
      {
        id: 'a2a',
        title: 'A2A 0.3 — tasks/pushNotificationConfig/set',
        language: 'shell',
        text: [
          "curl -sS -X POST 'AGENT-JSONRPC-URL' \\",
          "  -H 'Content-Type: application/json' \\",
          `  --data-binary ${shString(
            JSON.stringify({
              jsonrpc: '2.0',
              id: 1,
              method: 'tasks/pushNotificationConfig/set',
              params: { taskId: 'TASK-ID', pushNotificationConfig: { url, token: secret } },
            }),
          )}`,
          '',
        ].join('\n'),
      },
      {
        id: 'curl',
        title: 'Test delivery with curl',
        language: 'shell',
        text: [
          `curl -sS -X POST ${shString(url)} \\`,
          "  -H 'Content-Type: application/json' \\",
          `  --data-binary '{"hello":"hooklens"}'`,
          '',
        ].join('\n'),
      },
    ],
  }
}

function normalise(path: string): string {
  return path.startsWith('/') ? path : `/${path}`
}

/** YAML double-quoted scalar (JSON strings are valid YAML). */
function yamlString(s: string): string {
  return JSON.stringify(s)
}

function pyString(s: string): string {
  return JSON.stringify(s)
}

/** POSIX shell single-quoted string. */
function shString(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`
}
