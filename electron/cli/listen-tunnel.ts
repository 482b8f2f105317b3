/**
 * The tunnel as a `hooklens listen` extension: `--tunnel-host URL`, `--subdomain NAME`
 * (`--no-tunnel` is listen's own flag). Opens the tunnel once the receiver listens, prints
 * the public URL and every state change to stderr — loudly when the URL changes, because
 * agents registered with the old URL must be pointed at the new one.
 */
import type { Command } from 'commander'
import type { TunnelStatus } from '../../shared/api'
import type { PartialApiImpl } from '../core/hooklens/api-types'
import { attachTunnel } from '../core/tunnel/hooklens-tunnel'
import { subdomainProblem } from '../core/tunnel/tunnel-rules'
import { UsageError } from './errors'
import { httpUrl } from './parse'
import type { ListenContext, ListenExtension } from './listen-types'

export const tunnelExtension: ListenExtension = {
  name: 'tunnel',
  options: (cmd: Command) => {
    cmd
      .option('--tunnel-host <url>', 'localtunnel server to use (default https://localtunnel.me)')
      .option('--subdomain <name>', 'ask the tunnel server for this subdomain')
  },
  validate: (opts) => {
    const host = opts.tunnelHost as string | undefined
    const subdomain = opts.subdomain as string | undefined
    if (host !== undefined) httpUrl('--tunnel-host', host)
    if (subdomain !== undefined) {
      const problem = subdomainProblem(subdomain)
      if (problem) throw new UsageError(`--subdomain: ${problem}`)
    }
  },
  start: async (ctx: ListenContext) => {
    const host = ctx.opts.tunnelHost as string | undefined
    const subdomain = ctx.opts.subdomain as string | undefined
    // Status changes are printed below; the manager's own log lines would repeat them.
    const quiet = { info: () => undefined, warn: () => undefined }
    const service = attachTunnel(ctx.hooklens, { host, subdomain, manager: { logger: quiet } })
    ctx.stops.push(async () => {
      service.stop('hooklens stopped')
    })
    // The inspector serves the API groups other extensions publish here (listen-ui.ts);
    // published even with the tunnel off, so the inspector can switch it on.
    const withGroups = ctx as ListenContext & { apiGroups?: PartialApiImpl[] }
    withGroups.apiGroups = [...(withGroups.apiGroups ?? []), service.api()]
    const enabled = ctx.opts.tunnel !== false && ctx.hooklens.settings.get().tunnel.enabled
    if (!enabled) {
      ctx.log(
        ctx.opts.tunnel === false
          ? 'Tunnel: off (--no-tunnel)'
          : 'Tunnel: off (disabled in settings)',
      )
      return
    }
    let last: TunnelStatus | null = null
    service.onStatus((s) => {
      for (const line of describe(s, last)) ctx.log(line)
      last = s
    })
    // Not awaited: a slow or unreachable tunnel server must not hold up the other extensions
    // (the inspector); every outcome is printed by the status listener above.
    service.start().catch((err: Error) => ctx.log(`Tunnel: OFFLINE — ${err.message}`))
  },
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
