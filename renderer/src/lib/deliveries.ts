/**
 * The inspector's delivery lists: one row per delivery, newest first. A delivery's pushes
 * (pending, then delivered) and the replay call's own answer all carry the same id, and may
 * arrive in either order.
 */
import type { Delivery } from '../../../shared/api'

export function mergeDelivery(list: Delivery[], d: Delivery): Delivery[] {
  const next = list.filter((x) => x.id !== d.id)
  next.push(d)
  return next.sort(newestFirst)
}

function newestFirst(x: Delivery, y: Delivery): number {
  if (x.createdAt !== y.createdAt) return x.createdAt < y.createdAt ? 1 : -1
  return x.id < y.id ? 1 : x.id > y.id ? -1 : 0
}
