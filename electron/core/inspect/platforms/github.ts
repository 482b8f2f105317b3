/**
 * GitHub webhooks: `X-GitHub-Event` names the event, the body's `action` refines it
 * (`issues.opened`). Subject = the issue / pull request / ref / run the event is about.
 */
import type { Classification } from '../../../../shared/event'
import { get, idStr, isRec, str, type ClassifyContext, type Rec } from '../context'

function subjectOf(event: string, body: Rec, repo: string | undefined): string | null {
  const at = (s: string | undefined): string | null =>
    s === undefined ? null : repo ? `${repo}${s}` : s
  const number = idStr(get(body, 'pull_request', 'number')) ?? idStr(get(body, 'issue', 'number'))
  if (number) return at(`#${number}`)
  if (event === 'push' || event === 'create' || event === 'delete') {
    const ref = str(body.ref)
    if (ref) return at(`@${ref}`)
  }
  for (const key of [
    'workflow_run',
    'workflow_job',
    'check_run',
    'check_suite',
    'deployment',
    'release',
  ]) {
    const id = idStr(get(body, key, 'id'))
    if (id) return at(`/${key}/${id}`)
  }
  if (event === 'ping') return idStr(body.hook_id) ?? null
  return repo ?? str(get(body, 'organization', 'login')) ?? null
}

export function detectGitHub(ctx: ClassifyContext): Classification | null {
  const event = ctx.header('x-github-event')
  if (!event) return null
  const parsed = isRec(ctx.json) ? ctx.json : parseFormPayload(ctx)
  const body: Rec = isRec(parsed) ? parsed : {}
  const action = str(body.action)
  const repo = str(get(body, 'repository', 'full_name'))
  const details: Rec = {}
  const delivery = ctx.header('x-github-delivery')
  if (delivery) details.delivery = delivery
  const hookId = ctx.header('x-github-hook-id')
  if (hookId) details.hookId = hookId
  if (repo) details.repository = repo
  const sender = str(get(body, 'sender', 'login'))
  if (sender) details.sender = sender
  if (action) details.action = action
  return {
    platform: 'github',
    eventType: action ? `${event}.${action}` : event,
    subject: subjectOf(event, body, repo),
    details,
  }
}

/** GitHub can send `application/x-www-form-urlencoded` with the JSON in `payload`. */
function parseFormPayload(ctx: ClassifyContext): unknown {
  const p = ctx.form?.get('payload')
  if (!p) return undefined
  try {
    return JSON.parse(p)
  } catch {
    return undefined
  }
}
