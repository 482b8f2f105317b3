/**
 * Chooses the receiver's answer: the first response rule whose method and path pattern match,
 * else the default answer. Rules let a developer make an agent see a 500, a 429 with
 * Retry-After or a slow answer, and watch how it retries.
 */
import type { ResponseRule, Settings } from '../settings/settings-types'
import type { ReceiverAnswer } from './receiver'
import { pathMatches } from '../../../shared/path-glob'

export function chooseAnswer(
  settings: Pick<Settings, 'responseRules' | 'defaultResponse'>,
  method: string,
  path: string,
): ReceiverAnswer & { ruleId: string | null } {
  const rules = settings.responseRules
  const rule = rules.length > 0 ? rules.find((r) => ruleMatches(r, method, path)) : undefined
  if (rule) {
    return {
      ruleId: rule.id,
      status: rule.status,
      headers: rule.headers ?? [],
      body: rule.body ?? '',
      delayMs: rule.delayMs ?? 0,
    }
  }
  return defaultAnswer(settings.defaultResponse)
}

type DefaultResponse = Settings['defaultResponse']
type Answer = ReceiverAnswer & { ruleId: string | null }

// The default answer is asked for on every request and only changes with settings: built once
// per distinct default response and shared (callers only read answers, never change them).
// Its fields are compared too, so a settings object changed in place is not missed.
let last: { from: DefaultResponse; copy: DefaultResponse; answer: Answer } | null = null

function defaultAnswer(d: DefaultResponse): Answer {
  if (last?.from === d && sameDefault(last.copy, d)) return last.answer
  const answer: Answer = {
    ruleId: null,
    status: d.status,
    headers: [
      ...(d.contentType ? [['content-type', d.contentType] as [string, string]] : []),
      ...(d.headers ?? []),
    ],
    body: d.body,
    delayMs: d.delayMs,
  }
  last = { from: d, copy: { ...d, headers: d.headers?.map(([k, v]) => [k, v]) }, answer }
  return answer
}

function sameDefault(copy: DefaultResponse, d: DefaultResponse): boolean {
  if (
    copy.status !== d.status ||
    copy.contentType !== d.contentType ||
    copy.body !== d.body ||
    copy.delayMs !== d.delayMs ||
    copy.headers?.length !== d.headers?.length
  ) {
    return false
  }
  for (let i = 0; i < (d.headers?.length ?? 0); i++) {
    const a = copy.headers![i]
    const b = d.headers![i]
    if (a[0] !== b[0] || a[1] !== b[1]) return false
  }
  return true
}

export function ruleMatches(rule: ResponseRule, method: string, path: string): boolean {
  if (rule.method && rule.method !== '*' && rule.method.toUpperCase() !== method.toUpperCase()) {
    return false
  }
  return pathMatches(rule.path ?? '/**', path)
}
