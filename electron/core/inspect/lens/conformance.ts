/**
 * Conformance findings for one captured request: picks the platform's checks (A2A, Agent
 * Gateway, AgentField) from its classification and runs them over the parsed body. The
 * A2A checks also run for a request that only carries the Go SDK's token header, which the
 * classifier does not recognise on its own.
 */
import type { Classification, Finding, HeaderPair } from '../../../../shared/event'
import { hasHeader } from '../../../../shared/headers'
import { buildContext } from '../context'
import { checkA2a, GO_TOKEN_HEADER } from './a2a-conformance'
import { checkAgentField } from './agentfield-conformance'
import { checkAgentGateway } from './agent-gateway-conformance'
import type { ConformanceCheck, RegistrationFact } from './types'

const CHECKS: Record<string, ConformanceCheck> = {
  a2a: checkA2a,
  'agent-gateway': checkAgentGateway,
  agentfield: checkAgentField,
}

export function conformanceFindings(input: {
  method: string
  path: string
  headers: HeaderPair[]
  body: Buffer
  classification: Classification
  registration: RegistrationFact | null
}): Finding[] {
  const { classification } = input
  let check = CHECKS[classification.platform]
  if (!check && (input.registration || hasHeader(input.headers, GO_TOKEN_HEADER))) check = checkA2a
  // Most traffic has no checks: the context (header map, parsed body) is built only for those
  // that do.
  if (!check) return []
  return check({ ctx: buildContext(input), classification, registration: input.registration })
}
