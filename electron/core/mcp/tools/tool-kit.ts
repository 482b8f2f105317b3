/**
 * What every Hooklens MCP tool shares: its context (the backend of the moment, the
 * --allow-remote switch, the secrets to scrub), strict argument objects (an unknown or
 * misspelt argument is an error, not silently dropped), the one-line untrusted-data warning
 * in each description, and results as JSON text — scrubbed of secrets and size-capped — or a
 * plain error sentence.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js'
import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js'
import type { ServerNotification, ServerRequest } from '@modelcontextprotocol/sdk/types.js'
import { z } from 'zod'
import type { McpBackend } from '../backend'
import { RESULT_CAP } from '../caps'
import { scrubSecrets } from '../redact'
import { UNTRUSTED_DESCRIPTION_LINE } from '../untrusted'

export interface ToolContext {
  backend(): Promise<McpBackend>
  allowRemote: boolean
  dataDir: string
  /** Configured secrets, read fresh per call: none of them may appear in a result. */
  secrets(): string[]
}

export type Extra = RequestHandlerExtra<ServerRequest, ServerNotification>

/** Compact JSON: indentation would spend the agent's context on whitespace. */
export function jsonResult(value: unknown, extraSecrets: string[] = [], ctx?: ToolContext) {
  const text = scrubSecrets(JSON.stringify(value), [...(ctx?.secrets() ?? []), ...extraSecrets])
  if (Buffer.byteLength(text) > RESULT_CAP) {
    return errorResult(
      `the result is ${Buffer.byteLength(text)} bytes, over the ${RESULT_CAP}-byte cap: narrow it (a smaller limit or maxBodyBytes, a filter)`,
    )
  }
  return { content: [{ type: 'text' as const, text }] } satisfies CallToolResult
}

export function errorResult(message: string): CallToolResult {
  return { content: [{ type: 'text', text: message }], isError: true }
}

export interface ToolSpec<S extends z.ZodObject> {
  name: string
  title: string
  /** What it does, its arguments and its result; the untrusted-data line is appended. */
  description: string
  input: S
  readOnly: boolean
  run: (args: z.output<S>, ctx: ToolContext, extra: Extra) => Promise<CallToolResult>
}

export function defineTool<S extends z.ZodObject>(spec: ToolSpec<S>): ToolSpec<S> {
  return spec
}

/** The tool's arguments as a strict object whose unknown-argument error lists the known ones. */
function strictArgs(spec: ToolSpec<z.ZodObject>) {
  const known = Object.keys(spec.input.shape)
  return z.strictObject(spec.input.shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown argument ${issue.keys.map((k) => `"${k}"`).join(', ')}: ${spec.name} takes ${known.length ? known.join(', ') : 'no arguments'}`
        : undefined,
  })
}

export function registerTools(
  server: McpServer,
  ctx: ToolContext,
  specs: ToolSpec<z.ZodObject>[],
): void {
  for (const spec of specs) {
    server.registerTool(
      spec.name,
      {
        title: spec.title,
        description: `${spec.description}\n${UNTRUSTED_DESCRIPTION_LINE}`,
        inputSchema: strictArgs(spec),
        annotations: {
          readOnlyHint: spec.readOnly,
          openWorldHint: !spec.readOnly,
        },
      },
      async (args: unknown, extra: Extra) => {
        try {
          return await spec.run(args as z.output<typeof spec.input>, ctx, extra)
        } catch (err) {
          // Messages of our own and of the API are sentences; scrub them all the same.
          const message = err instanceof Error ? err.message : String(err)
          return errorResult(scrubSecrets(message, ctx.secrets()))
        }
      },
    )
  }
}
