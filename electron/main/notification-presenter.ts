/**
 * Shows a NotificationSpec as a native notification and routes its click to "open this event".
 * Notifications are kept referenced until clicked or closed: a garbage-collected Notification
 * loses its click handler on some platforms.
 */
import type { Notification, NotificationConstructorOptions } from 'electron'
import type { NotificationSpec } from './notifier'

export interface NotificationClass {
  new (options: NotificationConstructorOptions): Pick<Notification, 'on' | 'show'>
  isSupported(): boolean
}

export function createNotificationPresenter(opts: {
  Notification: NotificationClass
  onClick(eventId: string): void
}): (spec: NotificationSpec) => void {
  const live = new Set<object>()
  return (spec) => {
    if (!opts.Notification.isSupported()) return
    const n = new opts.Notification({ title: spec.title, body: spec.body, silent: !spec.urgent })
    live.add(n)
    n.on('click', () => {
      live.delete(n)
      opts.onClick(spec.eventId)
    })
    n.on('close', () => live.delete(n))
    n.show()
  }
}
