/** The tools about the running Hooklens itself: get_status and share_snippets. */
import { z } from 'zod'
import { defineTool, jsonResult } from './tool-kit'

export const getStatusTool = defineTool({
  name: 'get_status',
  title: 'Hooklens status',
  description:
    "Where Hooklens receives webhooks: `running`, `mode` (live: through the running Hooklens; read-only: from the data dir's log), `receiverUrl` (local), `publicUrl` (the tunnel, null when offline), `tunnel` (state and reason), `eventCount`, `dataDir` and a `note`.",
  readOnly: true,
  input: z.object({}),
  run: async (_a, ctx) => jsonResult(await (await ctx.backend()).status(), [], ctx),
})

export const shareSnippetsTool = defineTool({
  name: 'share_snippets',
  title: 'Config snippets for pointing a platform at Hooklens',
  description:
    "Copy-ready configuration that points a platform at Hooklens' public URL (plus `path`, default /hooks): an Agent Gateway notifications entry, an AgentField WebhookConfig, an A2A push-notification config and a curl test. Placeholders stand in for secrets; `warning` says when no tunnel is online.",
  readOnly: true,
  input: z.object({
    path: z.string().startsWith('/', 'must start with /').max(500).optional(),
  }),
  run: async (a, ctx) => jsonResult(await (await ctx.backend()).shareSnippets(a.path), [], ctx),
})
