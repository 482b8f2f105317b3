/**
 * Checks a settings object section by section against the expected shape. A section that
 * is missing takes its default silently; one that is malformed takes its default and is
 * reported, so one bad edit never throws away the rest of the file.
 */
import { defaultSettings, type Settings } from './settings-types'

type Check = (value: unknown) => string | null

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

const isPort = (v: unknown) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 65535

const objectWith =
  (fields: Record<string, (v: unknown) => boolean>): Check =>
  (value) => {
    if (!isObject(value)) return 'is not an object'
    for (const [name, ok] of Object.entries(fields)) {
      if (!(name in value)) continue
      if (!ok(value[name])) return `field ${name} is invalid`
    }
    return null
  }

const arrayOf =
  (item: (v: unknown) => boolean, what: string): Check =>
  (value) => {
    if (!Array.isArray(value)) return 'is not a list'
    const bad = value.findIndex((v) => !item(v))
    return bad === -1 ? null : `entry ${bad} is not a valid ${what}`
  }

const positiveInt = (v: unknown) => Number.isInteger(v) && (v as number) > 0
const seconds = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0
const str = (v: unknown) => typeof v === 'string'
const strOrNull = (v: unknown) => v === null || typeof v === 'string'
const strList = (v: unknown) => Array.isArray(v) && v.every(str)

const CHECKS: Record<keyof Settings, Check> = {
  receiver: objectWith({
    port: isPort,
    host: str,
    maxBodyBytes: positiveInt,
    headersTimeoutSec: seconds,
    bodyTimeoutSec: seconds,
  }),
  retention: objectWith({ maxEvents: positiveInt, maxBytes: positiveInt }),
  deliveries: objectWith({ maxRecords: positiveInt, maxBytes: positiveInt }),
  responseRules: arrayOf(
    (r) => isObject(r) && str(r.id) && Number.isInteger(r.status),
    'response rule (id, status)',
  ),
  defaultResponse: objectWith({
    status: Number.isInteger,
    body: str,
    contentType: str,
    delayMs: Number.isInteger,
    headers: (v) =>
      Array.isArray(v) && v.every((h) => Array.isArray(h) && h.length === 2 && h.every(str)),
  }),
  verifiers: arrayOf(
    (v) => isObject(v) && str(v.id) && str(v.scheme) && strList(v.secrets),
    'verifier (id, scheme, secrets)',
  ),
  forwardRules: arrayOf(
    (r) => isObject(r) && str(r.id) && strList(r.targets),
    'forward rule (id, targets)',
  ),
  allowList: objectWith({ ips: strList, origins: strList }),
  tunnel: objectWith({
    enabled: (v) => typeof v === 'boolean',
    host: strOrNull,
    subdomain: strOrNull,
  }),
  ui: objectWith({ port: isPort }),
  agentLens: objectWith({
    stallAfterMs: positiveInt,
    retryStormCount: positiveInt,
    retryStormWindowMs: positiveInt,
  }),
}

export function validateSettings(input: unknown): { settings: Settings; issues: string[] } {
  const defaults = defaultSettings()
  const source = isObject(input) ? input : {}
  const issues: string[] = []
  const settings = { ...source } as Record<string, unknown>
  for (const key of Object.keys(CHECKS) as (keyof Settings)[]) {
    if (!(key in source)) {
      settings[key] = defaults[key]
      continue
    }
    const problem = CHECKS[key](source[key])
    if (problem) {
      issues.push(`${key} ${problem}`)
      settings[key] = defaults[key]
    } else if (isObject(defaults[key])) {
      settings[key] = { ...(defaults[key] as object), ...(source[key] as object) }
    }
  }
  return { settings: settings as unknown as Settings, issues }
}
