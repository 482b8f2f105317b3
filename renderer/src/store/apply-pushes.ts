/**
 * Folds a batch of pushed events into the list state in one pass: new events are appended
 * (or inserted in id order), updated ones replaced in place, a clear empties the list.
 */
import type { ApiPush, Delivery } from '../../../shared/api'
import type { EventSummary } from '../../../shared/event'
import { compileFilter, visibleEvents } from './filter'
import type { InspectorState } from './store-types'
import { mergeDelivery } from '../lib/deliveries'

function upsert(list: Delivery[], d: Delivery): Delivery[] {
  const at = list.findIndex((x) => x.id === d.id)
  if (at < 0) return [d, ...list]
  const next = list.slice()
  next[at] = d
  return next
}

function indexOf(events: EventSummary[], id: string): number {
  let lo = 0
  let hi = events.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const v = events[mid].id
    if (v === id) return mid
    if (v < id) lo = mid + 1
    else hi = mid - 1
  }
  return -lo - 1
}

export function applyPushes(s: InspectorState, pushes: ApiPush[]): Partial<InspectorState> {
  let events = s.events
  let status = s.status
  let copied = false
  let rebuilt = false
  let deliveries = s.deliveries
  let replayHistory = s.replayHistory
  const added: EventSummary[] = []
  const own = () => {
    if (!copied) {
      events = events.slice()
      copied = true
    }
  }
  for (const push of pushes) {
    switch (push.type) {
      case 'eventCaptured':
      case 'eventUpdated': {
        const e = push.payload
        const at = indexOf(events, e.id)
        own()
        if (at >= 0) {
          events[at] = e
          rebuilt = true
        } else {
          const pos = -at - 1
          if (pos === events.length) {
            events.push(e)
            added.push(e)
          } else {
            events.splice(pos, 0, e)
            rebuilt = true
          }
          if (status) status = { ...status, eventCount: status.eventCount + 1 }
        }
        break
      }
      case 'eventsCleared':
        events = []
        copied = true
        rebuilt = true
        added.length = 0
        if (status) status = { ...status, eventCount: 0 }
        break
      case 'tunnelStatus':
        if (status) status = { ...status, tunnel: push.payload, publicUrl: push.payload.url }
        break
      case 'statusChanged':
        status = push.payload
        break
      case 'deliveryResult': {
        const d = push.payload
        deliveries = upsert(deliveries, d)
        const history = replayHistory[d.eventId]
        if (history) replayHistory = { ...replayHistory, [d.eventId]: mergeDelivery(history, d) }
        break
      }
      default:
        break
    }
  }
  const patch: Partial<InspectorState> = { status, deliveries, replayHistory }
  if (!copied) return patch
  patch.events = events
  if (rebuilt) {
    patch.visible = visibleEvents(events, s.filterText, s.newestFirst, s.bodyHits)
  } else if (added.length) {
    // Only appends: extend the visible rows instead of refiltering everything.
    const pred = compileFilter(s.filterText, s.bodyHits)
    const fresh = pred ? added.filter(pred) : added
    patch.visible = s.newestFirst ? fresh.reverse().concat(s.visible) : s.visible.concat(fresh)
  }
  return patch
}
