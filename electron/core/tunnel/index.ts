/** The tunnel's public surface: the manager, the receiver-side helpers, the localtunnel facts. */
export {
  TunnelManager,
  DEFAULT_BACKOFF,
  DEFAULT_TUNNEL_HOST,
  type TunnelManagerOptions,
  type TunnelLogger,
  type Timers,
} from './tunnel-manager'
export {
  SelfCheckRegistry,
  SELF_CHECK_HEADER,
  SELF_CHECK_PATH,
  type SelfCheckAnswer,
} from './self-check'
export {
  BYPASS_REMINDER_HEADER,
  REMINDER_EXPLANATION,
  TUNNEL_BODY_CAP,
  classifyTunnelRequest,
  isBrowserUserAgent,
  isReminderPage,
  subdomainProblem,
  tunnelBodyWarning,
  type TunnelOrigin,
} from './tunnel-rules'
export { RegistrationError, registerTunnel } from './localtunnel-client'
