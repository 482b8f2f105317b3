/**
 * Builds the one API object every transport serves (IPC, the control server, `hooklens mcp`)
 * from narrow pieces: each group takes only the parts it uses. The type says every method of
 * the contract is here, so a missing one is a compile error, not a 501 at run time.
 */
import type { ApiHandlers } from '../../../shared/api'
import { exportApi } from '../export/api'
import type { ReplayService } from '../replay/replay-service'
import type { EventStore } from '../store/event-store'
import type { TunnelService } from '../tunnel/hooklens-tunnel'
import { agentLensApi, type AgentLensParts } from './api-agent-lens'
import { diffApi } from './api-diff'
import { eventsApi, type EventsParts } from './api-events'
import { settingsApi, type SettingsParts } from './api-settings'

export interface ApiParts extends EventsParts, SettingsParts, AgentLensParts {
  store: EventStore
  replay: Pick<ReplayService, 'api'>
  tunnel: Pick<TunnelService, 'api'>
  /** What exports need besides the events: the receiver's URL (for HAR and cURL) and version. */
  exports: { baseUrl: () => string; version: string }
}

export function createApi(p: ApiParts): ApiHandlers {
  return {
    ...eventsApi(p),
    ...settingsApi(p),
    ...diffApi(p),
    ...exportApi(p.store, p.exports),
    ...p.replay.api(),
    ...agentLensApi(p),
    ...p.tunnel.api(),
  }
}
