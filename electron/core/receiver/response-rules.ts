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
  const rule = settings.responseRules.find((r) => ruleMatches(r, method, path))
  if (rule) {
    return {
      ruleId: rule.id,
      status: rule.status,
      headers: rule.headers ?? [],
      body: rule.body ?? '',
      delayMs: rule.delayMs ?? 0,
    }
  }
  const d = settings.defaultResponse
  return {
    ruleId: null,
    status: d.status,
    headers: [
      ...(d.contentType ? [['content-type', d.contentType] as [string, string]] : []),
      ...(d.headers ?? []),
    ],
    body: d.body,
    delayMs: d.delayMs,
  }
}

export function ruleMatches(rule: ResponseRule, method: string, path: string): boolean {
  if (rule.method && rule.method !== '*' && rule.method.toUpperCase() !== method.toUpperCase()) {
    return false
  }
  return pathMatches(rule.path ?? '/**', path)
}
