/**
 * Best effort for senders Hooklens does not know: a `type` / `event` / `event_type` field is
 * the event type, an obvious object id is the subject. Platform stays 'unknown'.
 */
import type { Classification } from '../../../../shared/event'
import { get, idStr, isRec, str, type ClassifyContext } from '../context'

const TYPE_FIELDS = ['type', 'event', 'event_type', 'eventType', 'event_name', 'topic', 'action']

export function classifyGeneric(ctx: ClassifyContext): Classification {
  const body = ctx.json
  if (!isRec(body)) return { platform: 'unknown', eventType: null, subject: null }
  let eventType: string | null = null
  for (const f of TYPE_FIELDS) {
    const v = body[f]
    if (str(v)) {
      eventType = v as string
      break
    }
    // e.g. {"event": {"type": "..."}} (Slack-like envelopes)
    if (isRec(v) && str(v.type)) {
      eventType = v.type as string
      break
    }
  }
  const subject =
    idStr(get(body, 'data', 'object', 'id')) ??
    idStr(get(body, 'data', 'id')) ??
    idStr(body.task_id) ??
    idStr(body.execution_id) ??
    idStr(body.object_id) ??
    idStr(body.subject) ??
    null
  return { platform: 'unknown', eventType, subject }
}
