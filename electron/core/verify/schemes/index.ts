/**
 * Every signature scheme Hooklens knows, one definition per file. This list is the only place
 * a scheme is registered: the verify registry, the replay signers and the inspector's header
 * detection are derived from it. Its order is the catalog's "recommended detection order"
 * (signatures/CATALOG.md): auto-detection tries each scheme's test in turn, first match wins.
 * Adding a scheme: one file here (verifier, signer or reason, detection, platform hint), one
 * line below, and its vectors in test/unit/verify/fixtures/vectors.json.
 */
import type { SchemeDefinition } from '../scheme-definition'
import { a2aAuthorization } from './a2a-authorization'
import { a2aJwt } from './a2a-jwt'
import { a2aNotificationToken } from './a2a-notification-token'
import { agentGateway } from './agent-gateway'
import { agentfieldApproval } from './agentfield-approval'
import { agentfieldExecution } from './agentfield-execution'
import { clerk } from './clerk'
import { discord } from './discord'
import { github } from './github'
import { githubSha1 } from './github-sha1'
import { genericHmacDefinition } from './hmac'
import { intercom } from './intercom'
import { linear } from './linear'
import { mailgun } from './mailgun'
import { pagerduty } from './pagerduty'
import { paddle } from './paddle'
import { resend } from './resend'
import { sendgrid } from './sendgrid'
import { shopify } from './shopify'
import { slack } from './slack'
import { square } from './square'
import { standardWebhooks } from './standard-webhooks'
import { standardWebhooksV1a } from './standard-webhooks-v1a'
import { stripe } from './stripe'
import { svix } from './svix'
import { twilio } from './twilio'
import { zoom } from './zoom'

export const SCHEMES: readonly SchemeDefinition[] = [
  standardWebhooks,
  standardWebhooksV1a,
  svix,
  clerk,
  resend,
  stripe,
  github,
  // Before github-sha1: the same header, told apart by Intercom's User-Agent.
  intercom,
  githubSha1,
  slack,
  shopify,
  twilio,
  linear,
  discord,
  zoom,
  paddle,
  square,
  pagerduty,
  sendgrid,
  a2aNotificationToken,
  agentGateway,
  agentfieldExecution,
  agentfieldApproval,
  // Read from the body: after every header-signalled scheme.
  mailgun,
  a2aJwt,
  // Any other Authorization header: last, as a catch-all.
  a2aAuthorization,
  genericHmacDefinition,
]
