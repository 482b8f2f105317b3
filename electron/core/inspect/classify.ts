/**
 * `classify()`: which platform sent a request, which event it is and what it is about
 * ({platform, eventType, subject, details}). Detectors run in order, first match wins; sender
 * headers before body shapes, so a body that merely looks like another platform's does not win.
 */
import type { Classification } from '../../../shared/event'
import { decodeContent } from '../verify/content-decoding'
import { buildContext, type ClassifyContext, type ClassifyInput } from './context'
import { detectA2a } from './platforms/a2a'
import { detectAgentField } from './platforms/agentfield'
import { detectAgentGateway } from './platforms/agent-gateway'
import { detectByHeader } from './platforms/by-header'
import { classifyGeneric } from './platforms/generic'
import { detectGitHub } from './platforms/github'
import { detectSlack } from './platforms/slack'
import { detectStandardWebhooks } from './platforms/standard-webhooks'
import { detectStripe } from './platforms/stripe'

type Detector = (ctx: ClassifyContext) => Classification | null

const DETECTORS: Detector[] = [
  detectGitHub,
  detectStripe,
  detectSlack,
  detectAgentGateway,
  detectAgentField,
  detectA2a,
  detectStandardWebhooks,
  detectByHeader,
]

export function classifyContext(ctx: ClassifyContext): Classification {
  for (const detect of DETECTORS) {
    const c = detect(ctx)
    if (c) return c
  }
  return classifyGeneric(ctx)
}

export function classify(input: ClassifyInput): Classification {
  // A compressed body is classified by what it says, not by its gzip bytes.
  const decoded = decodeContent(input.headers, input.body)
  return classifyContext(buildContext(decoded ? { ...input, body: decoded.body } : input))
}
