/**
 * API methods of the Agent lens: a subject's timeline, an AgentField batch's items, and
 * `share a2a` (check an agent, register, list and delete what Hooklens registered).
 */
import type { ApiHandlers, SubjectTimeline } from '../../../shared/api'
import { batchItems, buildTimeline } from '../inspect/lens'
import { subjectKey } from '../inspect/subjects'
import type { EventStore } from '../store/event-store'
import type { A2AShareService } from './a2a-share-service'

export interface AgentLensParts {
  store: Pick<EventStore, 'get' | 'list' | 'readBody'>
  a2aShare: Pick<A2AShareService, 'check' | 'share' | 'list' | 'configs' | 'remove'>
}

export function agentLensApi({
  store,
  a2aShare,
}: AgentLensParts): ApiHandlers<
  | 'getTimeline'
  | 'getBatchItems'
  | 'checkA2AAgent'
  | 'shareA2A'
  | 'listA2ARegistrations'
  | 'listA2APushConfigs'
  | 'deleteA2ARegistration'
> {
  return {
    getTimeline: async ({ id }): Promise<SubjectTimeline | null> => {
      const event = store.get(id)
      const key = event ? subjectKey(event.classification) : null
      if (!key) return null
      const events = store.list().filter((e) => subjectKey(e.classification) === key)
      return buildTimeline(events)
    },
    getBatchItems: async ({ id, eventType, executionId }) => {
      const event = store.get(id)
      if (!event || event.classification.eventType !== 'batch') return null
      const body = await store.readBody(id)
      return body ? batchItems(body, { eventType, executionId }) : null
    },
    checkA2AAgent: ({ agentUrl, headers }) => a2aShare.check(agentUrl, headers),
    shareA2A: (arg) => a2aShare.share(arg),
    listA2ARegistrations: async () => a2aShare.list(),
    listA2APushConfigs: ({ id, headers }) => a2aShare.configs(id, headers),
    deleteA2ARegistration: ({ id, headers }) => a2aShare.remove(id, headers),
  }
}
