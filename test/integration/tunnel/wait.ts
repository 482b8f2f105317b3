/** Polling helpers for tunnel tests: wait for a condition or a status, never assert on time. */
import type { TunnelStatus } from '../../../shared/api'
import type { TunnelManager } from '../../../electron/core/tunnel/tunnel-manager'

/** Polls `cond`; `between` runs before each new look (e.g. to send another probe). */
export async function waitUntil(
  cond: () => boolean,
  timeoutMs = 5000,
  what = 'condition',
  between?: () => Promise<void>,
): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!cond()) {
    if (Date.now() > end) throw new Error(`${what} not met within ${timeoutMs} ms`)
    if (between) await between()
    await new Promise((r) => setTimeout(r, between ? 300 : 20))
  }
}

/** Resolves with the first status (current or later) matching `pred`. */
export function waitForStatus(
  manager: TunnelManager,
  pred: (s: TunnelStatus) => boolean,
  timeoutMs = 5000,
): Promise<TunnelStatus> {
  return new Promise((resolve, reject) => {
    if (pred(manager.status())) return resolve(manager.status())
    const timer = setTimeout(() => {
      manager.off('status', listener)
      reject(
        new Error(
          `status not reached within ${timeoutMs} ms; last: ${JSON.stringify(manager.status())}`,
        ),
      )
    }, timeoutMs)
    const listener = (s: TunnelStatus) => {
      if (!pred(s)) return
      clearTimeout(timer)
      manager.off('status', listener)
      resolve(s)
    }
    manager.on('status', listener)
  })
}
