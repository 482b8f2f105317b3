/**
 * Slack: Events API JSON (`url_verification`, `event_callback` with an inner `event`),
 * interactivity (form field `payload` holding JSON) and slash commands (form fields).
 * Subject = the channel the event happened in.
 */
import type { Classification } from '../../../../shared/event'
import { get, isRec, str, type ClassifyContext, type Rec } from '../context'

const OUTER_TYPES = new Set(['url_verification', 'event_callback', 'app_rate_limited'])

function fromEvents(body: Rec): Classification {
  const type = str(body.type) ?? null
  const details: Rec = {}
  for (const [from, to] of [
    ['team_id', 'teamId'],
    ['api_app_id', 'apiAppId'],
    ['event_id', 'eventId'],
  ] as const) {
    if (str(body[from])) details[to] = body[from]
  }
  if (type !== 'event_callback')
    return { platform: 'slack', eventType: type, subject: null, details }
  const event = isRec(body.event) ? body.event : {}
  if (str(event.subtype)) details.subtype = event.subtype
  if (str(event.thread_ts)) details.threadTs = event.thread_ts
  const channel = str(event.channel) ?? str(get(event, 'item', 'channel')) ?? null
  return { platform: 'slack', eventType: str(event.type) ?? type, subject: channel, details }
}

function fromForm(form: URLSearchParams): Classification | null {
  const payload = form.get('payload')
  if (payload) {
    let p: unknown
    try {
      p = JSON.parse(payload)
    } catch {
      return null
    }
    if (!isRec(p)) return null
    const channel = str(get(p, 'channel', 'id')) ?? str(get(p, 'view', 'id')) ?? null
    const details: Rec = {}
    const team = str(get(p, 'team', 'id'))
    if (team) details.teamId = team
    return { platform: 'slack', eventType: str(p.type) ?? 'interaction', subject: channel, details }
  }
  const command = form.get('command')
  if (command && form.get('team_id')) {
    return {
      platform: 'slack',
      eventType: 'slash_command',
      subject: form.get('channel_id'),
      details: { command, teamId: form.get('team_id') },
    }
  }
  return null
}

export function detectSlack(ctx: ClassifyContext): Classification | null {
  const signed = ctx.has('x-slack-signature') || ctx.has('x-slack-request-timestamp')
  const body = ctx.json
  if (isRec(body)) {
    const type = str(body.type)
    const shaped =
      (type === 'event_callback' && str(body.team_id) && str(body.api_app_id)) ||
      (type === 'url_verification' && str(body.challenge) && 'token' in body)
    if (signed || shaped || (type && OUTER_TYPES.has(type) && ctx.has('x-slack-retry-num'))) {
      return fromEvents(body)
    }
  }
  if (ctx.form && signed) {
    return fromForm(ctx.form) ?? { platform: 'slack', eventType: null, subject: null }
  }
  if (signed) return { platform: 'slack', eventType: null, subject: null }
  return null
}
