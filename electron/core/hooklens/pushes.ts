/**
 * The one route from what happens in the core to the pushes transports send (`ApiPush`): the
 * store, capture, the tunnel, forwarding, the Agent lens and settings each report their own
 * events; only this module turns them into pushes, so a new push is one line here.
 */
import type { EventEmitter } from 'node:events'
import type {
  ApiPush,
  ApiPushEvents,
  StatusInfo,
  SubjectStall,
  TunnelStatus,
} from '../../../shared/api'
import type { EventSummary } from '../../../shared/event'
import type { Delivery } from '../replay/types'
import type { Captured } from './capture'

/** What the composition root itself reports (its emitter's events). */
export interface CoreEvents {
  captured: [Captured]
  stalled: [SubjectStall]
  /** Something `getStatus` answers changed (pause, settings). */
  statusChanged: []
  tunnelStatus: [TunnelStatus]
  a2aReregistered: [ApiPushEvents['a2aReregistered']]
  push: [ApiPush]
}

export interface PushSources {
  core: EventEmitter<CoreEvents>
  /** The event log: 'updated' (derived fields re-computed), 'cleared' (how many). */
  store: Pick<EventEmitter, 'on'>
  deliveries: { subscribe(listener: (d: Delivery) => void): () => void }
  status: () => StatusInfo
}

/** Maps every source to its push and emits it as the core's 'push' event. */
export function routePushes({ core, store, deliveries, status }: PushSources): void {
  const push = (p: ApiPush) => core.emit('push', p)
  // Per captured event: nothing is built when no transport listens (listen --no-ui).
  core.on('captured', ({ event }) => {
    if (core.listenerCount('push') > 0) push({ type: 'eventCaptured', payload: event })
  })
  store.on('updated', (e: EventSummary) => push({ type: 'eventUpdated', payload: e }))
  store.on('cleared', (cleared: number) => push({ type: 'eventsCleared', payload: { cleared } }))
  core.on('statusChanged', () => push({ type: 'statusChanged', payload: status() }))
  core.on('tunnelStatus', (s) => push({ type: 'tunnelStatus', payload: s }))
  core.on('stalled', (s) => push({ type: 'subjectStalled', payload: s }))
  core.on('a2aReregistered', (n) => push({ type: 'a2aReregistered', payload: n }))
  deliveries.subscribe((d) => push({ type: 'deliveryResult', payload: d }))
}
