/**
 * Forwarding's part of `hooklens listen`: `--forward-to URL` (repeatable) and
 * `-H/--forward-header` add this session's targets to the composition root's one replay service
 * (beside the saved forward rules), and every forward's outcome is logged on stderr.
 */
import { formatDuration, type Delivery, type ReplayService } from '../core/replay'
import { UsageError } from './errors'
import { listenFilter } from './listen-filter'
import type { ListenOptions } from './listen-types'

/** Throws a UsageError (exit 2) for forwarding flags that make no sense together. */
export function validateForwardFlags(opts: Pick<ListenOptions, 'forwardTo' | 'forwardHeader'>) {
  if (opts.forwardHeader?.length && !opts.forwardTo?.length)
    throw new UsageError(
      '--forward-header needs --forward-to (the headers go on forwarded requests)',
    )
}

/** Sets the session's targets and logs each forward; returns what stops the logging. */
export function startForwarding(
  replay: Pick<ReplayService, 'setSessionTargets' | 'subscribe'>,
  opts: Pick<ListenOptions, 'forwardTo' | 'forwardHeader' | 'events' | 'path'>,
  log: (line: string) => void,
): () => void {
  const targets = opts.forwardTo ?? []
  // --events / --path narrow what these targets get, as they narrow what is printed.
  replay.setSessionTargets(targets, listenFilter(opts) ?? undefined, opts.forwardHeader ?? [])
  const unsubscribe = replay.subscribe((d) => {
    const line = forwardLogLine(d)
    if (line) log(line)
  })
  if (targets.length) log(`forwarding every event to ${targets.join(', ')}`)
  return unsubscribe
}

function forwardLogLine(d: Delivery): string | null {
  if (d.kind !== 'forward') return null
  if (d.status === 'delivered') {
    return `→ forwarded ${d.eventId} to ${d.target}: ${d.response?.status} in ${formatDuration(d.latencyMs ?? 0)}`
  }
  if (d.status === 'failed')
    return `✗ forward of ${d.eventId} to ${d.target} (attempt ${d.attempts}/${d.maxAttempts}): ${d.lastError}`
  if (d.status === 'dead') return `✗ dead letter ${d.id}: ${d.lastError} (hooklens redrive ${d.id})`
  return null
}
