/** Slack: `X-Slack-Signature: v0=<hex>` over `v0:{X-Slack-Request-Timestamp}:{body}`. */
import { v0Definition } from './parts/v0-scheme'

export const slack = v0Definition(
  'slack',
  'Slack',
  'X-Slack-Signature',
  'X-Slack-Request-Timestamp',
)
