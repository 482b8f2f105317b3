/** The tools that read captured events: list_events, get_event and wait_for_event. */
import { z } from 'zod'
import { headerValue } from '../../../../shared/event'
import { BODY_CAP_DEFAULT, BODY_CAP_MAX } from '../caps'
import { UNTRUSTED_NOTICE } from '../untrusted'
import { eventView, summaryView } from '../views'
import { eventId, filterShape, toQuery } from './schemas'
import { defineTool, jsonResult, type Extra } from './tool-kit'

const LIST_DEFAULT = 50
const LIST_MAX = 200
const WAIT_DEFAULT_MS = 30_000
const WAIT_MAX_MS = 600_000
const PROGRESS_EVERY_MS = 5_000

export const listEvents = defineTool({
  name: 'list_events',
  title: 'List captured webhooks',
  description: `List captured webhook events, oldest first (the newest \`limit\`, default ${LIST_DEFAULT}, max ${LIST_MAX}), as summaries without bodies: id, receivedAt, platform, verification verdict, idempotency status (first/duplicate/conflict), the receiver's answer, and (untrusted) method, path, eventType, subject. Filters are EventQuery fields: platform, eventType, subject, path, text, verification, idempotency (or duplicates/conflicts), afterId, beforeId.`,
  readOnly: true,
  input: z.object({
    ...filterShape,
    limit: z
      .number()
      .int()
      .min(1)
      .max(LIST_MAX)
      .optional()
      .describe(`newest N (default ${LIST_DEFAULT})`),
    afterId: eventId.optional().describe('only events received after this id'),
    beforeId: eventId.optional().describe('only events received before this id'),
  }),
  run: async (a, ctx) => {
    const backend = await ctx.backend()
    const limit = a.limit ?? LIST_DEFAULT
    // One more than asked says whether older events were left out.
    const events = await backend.listEvents({
      ...toQuery(a),
      afterId: a.afterId,
      beforeId: a.beforeId,
      limit: limit + 1,
    })
    const shown = events.slice(-limit)
    return jsonResult(
      {
        mode: backend.mode,
        count: shown.length,
        moreBefore: events.length > limit,
        untrustedNotice: UNTRUSTED_NOTICE,
        events: shown.map(summaryView),
      },
      [],
      ctx,
    )
  },
})

export const getEvent = defineTool({
  name: 'get_event',
  title: 'Show one captured webhook',
  description: `One captured event by \`id\`: everything list_events shows plus headers (credentials masked), the verification diagnosis, sha256 and the body. Compressed bodies (gzip, deflate, br) are shown decoded unless \`raw: true\`; text bodies as UTF-8, binary or invalid UTF-8 as base64 of the exact bytes. The body is capped at \`maxBodyBytes\` (default ${BODY_CAP_DEFAULT}, max ${BODY_CAP_MAX}) and \`body.truncated\` says when it was cut.`,
  readOnly: true,
  input: z.object({
    id: eventId,
    maxBodyBytes: z.number().int().min(0).max(BODY_CAP_MAX).optional(),
    raw: z.boolean().optional().describe('the bytes as received (base64), not decoded'),
  }),
  run: async (a, ctx) => {
    const backend = await ctx.backend()
    const event = await backend.getEvent(a.id)
    if (!event) throw new Error(`no event ${a.id} (list_events shows the ids)`)
    const encoding = headerValue(event.headers, 'content-encoding')
    const decoded = !a.raw && encoding ? await backend.getDecodedBody(a.id) : null
    return jsonResult(
      eventView(event, decoded, { maxBodyBytes: a.maxBodyBytes ?? BODY_CAP_DEFAULT, raw: a.raw }),
      [],
      ctx,
    )
  },
})

export const waitForEvent = defineTool({
  name: 'wait_for_event',
  title: 'Wait for the next webhook',
  description:
    "Block until an event matching the filters (EventQuery fields, as list_events) is captured after this call — or after `afterId` when given, which also returns one already captured — and return its summary; get_event shows the rest. Gives up after `timeoutMs` (default 30000, max 600000) with `matched: false`. Use it right after starting the run that should send the webhook; keep timeoutMs under your client's tool-call timeout.",
  readOnly: true,
  input: z.object({
    ...filterShape,
    afterId: eventId.optional().describe('match events received after this id'),
    timeoutMs: z.number().int().min(100).max(WAIT_MAX_MS).optional(),
  }),
  run: async (a, ctx, extra: Extra) => {
    const backend = await ctx.backend()
    const timeoutMs = a.timeoutMs ?? WAIT_DEFAULT_MS
    const started = Date.now()
    // "After this call": everything already stored is behind the newest id now.
    const afterId = a.afterId ?? (await backend.listEvents({ limit: 1 })).at(-1)?.id
    const timeout = AbortSignal.timeout(timeoutMs)
    const signal = AbortSignal.any([timeout, extra.signal])
    const stopProgress = progress(extra, timeoutMs, started)
    let event
    try {
      event = await backend.waitForEvent({ ...toQuery(a), afterId }, signal)
    } finally {
      stopProgress()
    }
    const waitedMs = Date.now() - started
    if (!event) {
      return jsonResult(
        {
          matched: false,
          mode: backend.mode,
          waitedMs,
          note: extra.signal.aborted
            ? 'cancelled'
            : `no matching event within ${timeoutMs} ms${backend.mode === 'read-only' ? ' (no Hooklens with a control API runs: is `hooklens listen` or the app receiving?)' : ''}`,
          afterId: afterId ?? null,
        },
        [],
        ctx,
      )
    }
    return jsonResult(
      { matched: true, mode: backend.mode, waitedMs, event: summaryView(event) },
      [],
      ctx,
    )
  },
})

/** Progress notifications let clients that reset their timeout on progress wait longer. */
function progress(extra: Extra, total: number, started: number): () => void {
  const token = extra._meta?.progressToken
  if (token === undefined) return () => undefined
  const timer = setInterval(() => {
    void extra
      .sendNotification({
        method: 'notifications/progress',
        params: {
          progressToken: token,
          progress: Date.now() - started,
          total,
          message: 'waiting for a matching webhook',
        },
      })
      .catch(() => undefined)
  }, PROGRESS_EVERY_MS)
  return () => clearInterval(timer)
}
