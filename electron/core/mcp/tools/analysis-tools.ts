/** The tools that judge and compare events: explain_verification, diff_events, changes_since_previous. */
import { z } from 'zod'
import { capStrings } from '../caps'
import { explainVerification } from '../explain'
import { untrusted } from '../untrusted'
import { eventId } from './schemas'
import { defineTool, jsonResult } from './tool-kit'

export const explainVerificationTool = defineTool({
  name: 'explain_verification',
  title: 'Explain a signature verdict',
  description:
    "Why an event's signature passed or failed: `verdict` (valid | invalid | missing | unverifiable | none), `scheme`, `reason` (one sentence), `diagnosis` (kind such as timestamp, body-altered, wrong-secret, secret-encoding, url-mismatch, mismatch, with details) and `whatToChange` — the fix on the handler or sender side. Secrets never appear.",
  readOnly: true,
  input: z.object({ id: eventId }),
  run: async (a, ctx) => {
    const event = await (await ctx.backend()).getEvent(a.id)
    if (!event) throw new Error(`no event ${a.id} (list_events shows the ids)`)
    const out = explainVerification(event)
    return jsonResult(
      {
        ...out,
        diagnosis: out.diagnosis && (capStrings(out.diagnosis, 1024) as typeof out.diagnosis),
        untrusted: untrusted({ path: event.path, eventType: event.classification.eventType }),
      },
      [],
      ctx,
    )
  },
})

export const diffEventsTool = defineTool({
  name: 'diff_events',
  title: 'Diff two webhooks',
  description:
    'Compare two captured events `a` and `b`: method, path, query, headers (added, removed, changed) and body (a JSON diff by path for JSON bodies, a text or byte diff otherwise). Long values are shortened.',
  readOnly: true,
  input: z.object({ a: eventId, b: eventId }),
  run: async (a, ctx) => {
    const diff = await (await ctx.backend()).diffEvents(a.a, a.b)
    return jsonResult({ a: a.a, b: a.b, untrusted: untrusted({ diff: capStrings(diff) }) }, [], ctx)
  },
})

export const changesSincePreviousTool = defineTool({
  name: 'changes_since_previous',
  title: 'What changed since the previous webhook',
  description:
    'For event `id`: the diff from the previous event of the same platform and subject (an A2A task going working → completed), and for a duplicate or conflict the diff from the first delivery with the same idempotency key. Either is null when there is none.',
  readOnly: true,
  input: z.object({ id: eventId }),
  run: async (a, ctx) => {
    const related = (await (await ctx.backend()).changesSincePrevious(a.id)) as {
      previous: { id: string; diff: unknown } | null
      first: { id: string; status: string; diff: unknown } | null
    } | null
    if (!related) throw new Error(`no event ${a.id} (list_events shows the ids)`)
    return jsonResult(
      {
        id: a.id,
        previous: related.previous
          ? {
              id: related.previous.id,
              untrusted: untrusted({ diff: capStrings(related.previous.diff) }),
            }
          : null,
        first: related.first
          ? {
              id: related.first.id,
              status: related.first.status,
              untrusted: untrusted({ diff: capStrings(related.first.diff) }),
            }
          : null,
      },
      [],
      ctx,
    )
  },
})
