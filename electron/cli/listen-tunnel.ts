/**
 * The tunnel's part of `hooklens listen`: checks `--tunnel-host` and `--subdomain`, and prints
 * the public URL and every state change to stderr — loudly when the URL changes, because agents
 * registered with the old URL must be pointed at the new one. The composition root creates and
 * opens the tunnel; this only talks about it.
 */
import type { TunnelStatus } from '../../shared/api'
import { subdomainProblem } from '../core/tunnel/tunnel-rules'
import { UsageError } from './errors'
import { httpUrl } from './parse'
import type { ListenOptions } from './listen-types'

/** Throws a UsageError (exit 2) for a bad tunnel flag, before anything starts. */
export function validateTunnelFlags(opts: Pick<ListenOptions, 'tunnelHost' | 'subdomain'>): void {
  if (opts.tunnelHost !== undefined) httpUrl('--tunnel-host', opts.tunnelHost)
  if (opts.subdomain !== undefined) {
    const problem = subdomainProblem(opts.subdomain)
    if (problem) throw new UsageError(`--subdomain: ${problem}`)
  }
}

/** A status listener that prints each change once (for `tunnel.onStatus`). */
export function tunnelPrinter(log: (line: string) => void): (s: TunnelStatus) => void {
  let last: TunnelStatus | null = null
  return (s) => {
    for (const line of describe(s, last)) log(line)
    last = s
  }
}

/** Lines for a status change; nothing when only the timestamp moved. */
export function describe(s: TunnelStatus, last: TunnelStatus | null): string[] {
  if (last && last.state === s.state && last.url === s.url && last.reason === s.reason) return []
  switch (s.state) {
    case 'online':
      if (s.previousUrl && s.previousUrl !== s.url) {
        return [
          '',
          `!!! PUBLIC URL CHANGED: ${s.previousUrl} -> ${s.url}`,
          '!!! Agents registered with the old URL must be re-pointed (e.g. run `hooklens share a2a` again).',
          '',
        ]
      }
      if (last?.state === 'online' && last.url === s.url) return [`Tunnel: ${s.reason}`]
      return [`Public URL: ${s.url}${s.reason !== 'tunnel online' ? `  (${s.reason})` : ''}`]
    case 'connecting':
      return [`Tunnel: connecting — ${s.reason}`]
    case 'reconnecting':
      return [`Tunnel: reconnecting — ${s.reason}`]
    case 'offline':
      return [`Tunnel: OFFLINE — ${s.reason}`]
    case 'disabled':
      return last ? [`Tunnel: ${s.reason}`] : []
  }
}
