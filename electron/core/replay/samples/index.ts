/**
 * `hooklens send`: build a realistic, correctly signed sample event for a platform and send it
 * to a URL — a simulated agent, like `stripe trigger` for agent platforms.
 */
import type { Dispatcher } from 'undici'
import { sendHttp } from '../http-send'
import { parseTarget } from '../request-build'
import type { AttemptResult } from '../types'
import { a2a, agentfield, agentGateway } from './agent-platforms'
import type { SampleBuilder, SampleOptions, SampleRequest } from './types'
import { github, slack, standardWebhooks, stripe } from './webhook-platforms'

export type { SampleOptions, SampleRequest } from './types'
export { goJsonMarshal, pythonJsonDumps } from './json-styles'

const BUILDERS: SampleBuilder[] = [
  a2a,
  agentGateway,
  agentfield,
  standardWebhooks,
  stripe,
  github,
  slack,
]

export const SEND_PLATFORMS: readonly string[] = BUILDERS.map((b) => b.platform)

/** Event types per platform; the first is the default. */
export function sampleEvents(platform: string): string[] {
  return builderFor(platform).events
}

export function buildSample(platform: string, opts: SampleOptions = {}): SampleRequest {
  const b = builderFor(platform)
  const event = opts.event ?? b.events[0]
  const sample = b.build({ ...opts, now: opts.now ?? new Date() }, event)
  if (!opts.secret && b.defaultSecret) {
    sample.notes.push(
      `signed with the public demo secret "${b.defaultSecret}" (pass --secret to use yours)`,
    )
  }
  return sample
}

export interface SendResult {
  sample: SampleRequest
  attempt: AttemptResult
}

export async function sendSample(
  platform: string,
  opts: SampleOptions & { to: string; timeoutMs?: number; dispatcher?: Dispatcher },
): Promise<SendResult> {
  const sample = buildSample(platform, opts)
  const attempt = await sendHttp({
    method: sample.method,
    url: parseTarget(opts.to).toString(),
    headers: sample.headers,
    body: sample.body,
    timeoutMs: opts.timeoutMs,
    dispatcher: opts.dispatcher,
  })
  return { sample, attempt }
}

function builderFor(platform: string): SampleBuilder {
  const aliases: Record<string, string> = {
    agentgateway: 'agent-gateway',
    standardwebhooks: 'standard-webhooks',
    'agent-field': 'agentfield',
  }
  const name = aliases[platform.toLowerCase()] ?? platform.toLowerCase()
  const b = BUILDERS.find((x) => x.platform === name)
  if (!b) throw new Error(`unknown platform '${platform}' (one of: ${SEND_PLATFORMS.join(', ')})`)
  return b
}
