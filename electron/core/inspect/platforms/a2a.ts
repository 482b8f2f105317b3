/**
 * A2A push notifications (platforms.md). 1.0 bodies are a StreamResponse with one top-level key
 * (`task`, `statusUpdate`, `artifactUpdate`, `message`) and TASK_STATE_* states; 0.3 bodies are
 * objects with `kind` ('task' snapshots, lower-case states). Subject = task id.
 */
import type { Classification } from '../../../../shared/event'
import { get, isRec, str, type ClassifyContext, type Rec } from '../context'

const TERMINAL = new Set(['completed', 'failed', 'canceled', 'rejected'])
const WRAPPERS = ['task', 'statusUpdate', 'artifactUpdate', 'message'] as const
const KINDS_03 = new Set(['task', 'status-update', 'artifact-update', 'message'])

/** `TASK_STATE_INPUT_REQUIRED` → `input-required`; 0.3 names pass through. */
export function a2aStateName(state: string): string {
  const s = state
    .replace(/^TASK_STATE_/, '')
    .toLowerCase()
    .replace(/_/g, '-')
  return s === 'cancelled' ? 'canceled' : s
}

function stateDetails(status: unknown): Rec {
  const state = str(get(status, 'state'))
  if (!state) return {}
  const name = a2aStateName(state)
  return { state, stateName: name, terminal: TERMINAL.has(name) }
}

function wellFormed(kind: string, v: Rec): boolean {
  switch (kind) {
    case 'task':
      return str(v.id) !== undefined && isRec(v.status)
    case 'statusUpdate':
    case 'status-update':
      return str(v.taskId) !== undefined && isRec(v.status)
    case 'artifactUpdate':
    case 'artifact-update':
      return str(v.taskId) !== undefined && isRec(v.artifact)
    default:
      return str(v.messageId) !== undefined && Array.isArray(v.parts)
  }
}

function describe(kind: string, v: Rec, protocol: '1.0' | '0.3'): Classification {
  const details: Rec = { protocol }
  if (str(v.contextId)) details.contextId = v.contextId
  let subject: string | null = null
  if (kind === 'task') {
    subject = str(v.id) ?? null
    Object.assign(details, stateDetails(v.status))
    if (Array.isArray(v.artifacts)) details.artifactCount = v.artifacts.length
    if (Array.isArray(v.history)) details.historyLength = v.history.length
  } else if (kind === 'statusUpdate' || kind === 'status-update') {
    subject = str(v.taskId) ?? null
    Object.assign(details, stateDetails(v.status))
    if (typeof v.final === 'boolean') details.final = v.final
  } else if (kind === 'artifactUpdate' || kind === 'artifact-update') {
    subject = str(v.taskId) ?? null
    const artifact = v.artifact as Rec
    if (str(artifact.artifactId)) details.artifactId = artifact.artifactId
    if (str(artifact.name)) details.artifactName = artifact.name
    if (typeof v.lastChunk === 'boolean') details.lastChunk = v.lastChunk
    if (typeof v.append === 'boolean') details.append = v.append
  } else {
    subject = str(v.taskId) ?? str(v.contextId) ?? null
    details.messageId = v.messageId
    if (str(v.role)) details.role = v.role
  }
  return { platform: 'a2a', eventType: kind, subject, details }
}

/** The body's one own key, or undefined when it has none or several (no Object.keys array). */
function soleKey(body: Rec): string | undefined {
  let first: string | undefined
  for (const k in body) {
    if (!Object.hasOwn(body, k)) continue
    if (first !== undefined) return undefined
    first = k
  }
  return first
}

export function detectA2a(ctx: ClassifyContext): Classification | null {
  const hinted =
    ctx.has('x-a2a-notification-token') ||
    ctx.has('a2a-notification-token') ||
    ctx.contentType === 'application/a2a+json'
  const body = ctx.json
  if (isRec(body)) {
    const only = soleKey(body)
    const wrapper = WRAPPERS.find((w) => only === w)
    if (wrapper && isRec(body[wrapper]) && wellFormed(wrapper, body[wrapper] as Rec)) {
      return describe(wrapper, body[wrapper] as Rec, '1.0')
    }
    const kind = str(body.kind)
    if (kind && KINDS_03.has(kind) && wellFormed(kind, body)) return describe(kind, body, '0.3')
  }
  if (hinted)
    return { platform: 'a2a', eventType: null, subject: null, details: { shape: 'unrecognised' } }
  return null
}
