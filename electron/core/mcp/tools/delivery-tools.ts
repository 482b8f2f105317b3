/**
 * The tools that send requests: replay_event, redrive and send_sample (loopback or private
 * targets only unless `--allow-remote`), and list_deliveries to read what was sent and answered.
 */
import { z } from 'zod'
import { SEND_PLATFORMS, sampleEvents, sendSample } from '../../replay/samples'
import { capHeaders } from '../caps'
import { NeedsReceiver } from '../backend'
import { maskHeaders } from '../redact'
import { checkTarget } from '../target-guard'
import { untrusted } from '../untrusted'
import { deliveryView, responseExcerpt } from '../views'
import { deliveryId, eventId, headerName, headerValueSchema, targetUrl } from './schemas'
import { defineTool, jsonResult } from './tool-kit'

const TARGET_LINE =
  'Targets must be loopback or private-network addresses unless the user started `hooklens mcp --allow-remote`.'

export const replayEventTool = defineTool({
  name: 'replay_event',
  title: 'Replay a webhook to your handler',
  description: `Send captured event \`id\` to \`to\` (e.g. http://localhost:3000/webhook): byte-exact by default; \`resign: true\` re-signs it with a fresh timestamp using the configured secret so the handler's own verification passes; \`newId: true\` also gives it a new message id; \`setHeaders\` ([[name, value], ...]), \`removeHeaders\`, \`body\` (+ \`bodyEncoding\` utf8|base64) edit it (an edited body is re-signed when a secret is known); \`appendPath\` appends the original path. Returns the delivery: the target's status, headers, a body excerpt, latency and notes on what was done. ${TARGET_LINE}`,
  readOnly: false,
  input: z.object({
    id: eventId,
    to: targetUrl,
    resign: z.boolean().optional(),
    newId: z.boolean().optional(),
    appendPath: z.boolean().optional(),
    setHeaders: z
      .array(z.tuple([headerName, headerValueSchema]))
      .max(100)
      .optional(),
    removeHeaders: z.array(headerName).max(100).optional(),
    body: z
      .string()
      .max(10 * 1024 * 1024)
      .optional(),
    bodyEncoding: z.enum(['utf8', 'base64']).optional(),
    timeoutMs: z.number().int().min(1).max(120_000).optional(),
  }),
  run: async (a, ctx) => {
    if (a.bodyEncoding && a.body === undefined) throw new Error('bodyEncoding needs a body')
    await checkTarget(a.to, ctx.allowRemote)
    const backend = await ctx.backend()
    const delivery = await backend.replayEvent(a)
    return jsonResult({ mode: backend.mode, delivery: deliveryView(delivery) }, [], ctx)
  },
})

export const listDeliveriesTool = defineTool({
  name: 'list_deliveries',
  title: 'List replays and forwards',
  description:
    'Replays and forwards Hooklens made, newest first: target, status (pending | delivered | failed | dead), attempts, last error, the response status and a body excerpt. Filter by `eventId` and `status` (comma list); `limit` default 20, max 200.',
  readOnly: true,
  input: z.object({
    eventId: eventId.optional(),
    status: z
      .string()
      .regex(
        /^(pending|delivered|failed|dead)(,(pending|delivered|failed|dead))*$/,
        'must be pending, delivered, failed or dead (or a comma-separated list)',
      )
      .optional(),
    limit: z.number().int().min(1).max(200).optional(),
  }),
  run: async (a, ctx) => {
    const backend = await ctx.backend()
    const list = await backend.listDeliveries({ ...a, limit: a.limit ?? 20 })
    return jsonResult(
      { mode: backend.mode, count: list.length, deliveries: list.map(deliveryView) },
      [],
      ctx,
    )
  },
})

export const redriveTool = defineTool({
  name: 'redrive',
  title: 'Redrive dead letters',
  description: `Send a dead (or failed) forward again with its original bytes and the usual retries: one delivery \`id\`, or \`all: true\` for every dead letter. Needs the running Hooklens. Returns how many were redriven; list_deliveries shows how they end. ${TARGET_LINE}`,
  readOnly: false,
  input: z.object({ id: deliveryId.optional(), all: z.boolean().optional() }),
  run: async (a, ctx) => {
    if (!a.id === !a.all) throw new Error('give either a delivery `id` or `all: true`')
    const backend = await ctx.backend()
    if (backend.mode !== 'live') {
      throw new NeedsReceiver(
        'redrive needs the running Hooklens with its control API (`hooklens listen`, without --no-ui); none answers on this data dir',
      )
    }
    const targets = a.all
      ? (await backend.listDeliveries({ status: 'dead', limit: 10_000 })).map((d) => d.target)
      : (await backend.listDeliveries({ limit: 10_000 }))
          .filter((d) => d.id === a.id)
          .map((d) => d.target)
    if (a.id && targets.length === 0) throw new Error(`no delivery ${a.id}`)
    for (const t of new Set(targets)) await checkTarget(t, ctx.allowRemote)
    return jsonResult(await backend.redrive(a.all ? { all: true } : { id: a.id }), [], ctx)
  },
})

export const sendSampleTool = defineTool({
  name: 'send_sample',
  title: 'Send a signed sample webhook',
  description: `Simulate an agent platform (what \`hooklens send\` does): build a realistic sample event of \`platform\` (${SEND_PLATFORMS.join(', ')}), signed as that platform signs — with \`secret\` or a public demo secret — and POST it to \`to\` (default: the running Hooklens receiver, path /hooks/PLATFORM). \`event\` picks the event type. Returns what was sent (credentials masked) and the answer. ${TARGET_LINE}`,
  readOnly: false,
  input: z.object({
    platform: z.enum(SEND_PLATFORMS as [string, ...string[]]),
    to: targetUrl.optional(),
    event: z.string().min(1).max(100).optional(),
    secret: z.string().min(1).max(4096).optional(),
    timeoutMs: z.number().int().min(1).max(120_000).optional(),
  }),
  run: async (a, ctx) => {
    if (a.event && !sampleEvents(a.platform).includes(a.event)) {
      throw new Error(
        `unknown ${a.platform} event '${a.event}' (one of: ${sampleEvents(a.platform).join(', ')})`,
      )
    }
    let to = a.to
    if (!to) {
      const status = await (await ctx.backend()).status()
      if (!status.running || !status.receiverUrl) {
        throw new NeedsReceiver(
          'no `to` given and no Hooklens is receiving on this data dir: pass `to`, or start `hooklens listen`',
        )
      }
      to = `${status.receiverUrl}/hooks/${a.platform}`
    }
    await checkTarget(to, ctx.allowRemote)
    const { sample, attempt } = await sendSample(a.platform, {
      to,
      secret: a.secret,
      event: a.event,
      timeoutMs: a.timeoutMs,
    })
    const response = attempt.response
    const excerpt = responseExcerpt(response)
    return jsonResult(
      {
        platform: sample.platform,
        eventType: sample.eventType,
        scheme: sample.scheme,
        ok: attempt.ok,
        error: attempt.error,
        latencyMs: attempt.latencyMs,
        notes: sample.notes,
        request: {
          method: attempt.request.method,
          url: attempt.request.url,
          size: attempt.request.size,
          headers: capHeaders(maskHeaders(attempt.request.headers)),
        },
        response: response
          ? {
              status: response.status,
              size: response.size,
              untrusted: untrusted({ bodyExcerpt: excerpt?.text ?? '' }),
            }
          : null,
      },
      a.secret ? [a.secret] : [],
      ctx,
    )
  },
})
