/**
 * API methods of the Agent lens: a subject's timeline, an AgentField batch's items, and
 * `share a2a` (check an agent, register, list and delete what Hooklens registered).
 */
import type { SubjectTimeline } from '../../../shared/api'
import { batchItems, buildTimeline } from '../inspect/lens'
import { subjectKey } from '../inspect/subjects'
import type { Hooklens } from './hooklens'
import type { PartialApiImpl } from './api-types'

export function agentLensApi(h: Hooklens): PartialApiImpl {
  return {
    getTimeline: async ({ id }): Promise<SubjectTimeline | null> => {
      const event = h.store.get(id)
      const key = event ? subjectKey(event.classification) : null
      if (!key) return null
      const events = h.store.list().filter((e) => subjectKey(e.classification) === key)
      return buildTimeline(events)
    },
    getBatchItems: async ({ id, eventType, executionId }) => {
      const event = h.store.get(id)
      if (!event || event.classification.eventType !== 'batch') return null
      const body = await h.store.readBody(id)
      return body ? batchItems(body, { eventType, executionId }) : null
    },
    checkA2AAgent: ({ agentUrl, headers }) => h.a2aShare.check(agentUrl, headers),
    shareA2A: (arg) => h.a2aShare.share(arg),
    listA2ARegistrations: async () => h.a2aShare.list(),
    listA2APushConfigs: ({ id, headers }) => h.a2aShare.configs(id, headers),
    deleteA2ARegistration: ({ id, headers }) => h.a2aShare.remove(id, headers),
  }
}
