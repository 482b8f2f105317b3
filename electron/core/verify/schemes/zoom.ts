/** Zoom: `x-zm-signature: v0=<hex>` over `v0:{x-zm-request-timestamp}:{body}`, as Slack. */
import { str } from '../../inspect/context'
import { v0Definition } from './parts/v0-scheme'

export const zoom = v0Definition('zoom', 'Zoom', 'x-zm-signature', 'x-zm-request-timestamp', {
  platform: 'zoom',
  eventType: (_c, b) => str(b.event),
})
