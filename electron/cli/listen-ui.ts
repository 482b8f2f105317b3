/**
 * The browser inspector as a `hooklens listen` extension: `--no-ui` (listen's own flag),
 * `--ui-port PORT`, `--open`. Builds the renderer on first use, serves it and the API on a
 * loopback port of its own (never the receiver's) and prints the one URL that carries the token.
 */
import { spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { Option, type Command } from 'commander'
import type { ApiPush, HooklensApi } from '../../shared/api'
import { ensureRendererBuilt, startControlServer } from '../core/control'
import { createApi } from '../core/hooklens/api'
import { CliFailure } from './errors'
import { parsePort } from './parse'
import type { ListenContext, ListenExtension } from './listen-types'

/** The full API for the inspector: the core's groups plus those extensions published (tunnel). */
function inspectorApi(ctx: ListenContext): HooklensApi {
  const h = ctx.hooklens
  const api = createApi(h, ...ctx.apiGroups)
  return { ...api, subscribe: (listener: (push: ApiPush) => void) => h.subscribe(listener) }
}

function openBrowser(url: string) {
  const cmd =
    process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'cmd' : 'xdg-open'
  const args = process.platform === 'win32' ? ['/c', 'start', '', url] : [url]
  const child = spawn(cmd, args, { stdio: 'ignore', detached: true })
  child.on('error', () => undefined)
  child.unref()
}

function portError(err: unknown, port: number): unknown {
  const code = (err as NodeJS.ErrnoException).code
  if (code !== 'EADDRINUSE' && code !== 'EACCES') return err
  return new CliFailure(
    code === 'EACCES'
      ? `not allowed to serve the inspector on port ${port}; use a port above 1024`
      : `inspector port ${port} is already in use (another hooklens? try \`lsof -i :${port}\`); ` +
          'pick another with --ui-port, --ui-port 0 for a free one, or --no-ui',
  )
}

function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', (err) => reject(portError(err, port)))
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()))
  })
}

export const uiExtension: ListenExtension = {
  name: 'inspector',
  options: (cmd: Command) => {
    cmd
      .addOption(
        new Option('--ui-port <port>', 'inspector port (default: a free one)').argParser(parsePort),
      )
      .option('--open', 'open the inspector in the default browser')
  },
  start: async (ctx: ListenContext) => {
    if (ctx.opts.ui === false) return
    const port =
      (ctx.opts.uiPort as number | undefined) ?? ctx.hooklens.settings.get().ui?.port ?? 0
    // Checked before the (possibly slow) first build, so a taken port is said at once.
    if (port !== 0) await assertPortFree(port)
    const staticDir = await ensureRendererBuilt(ctx.log)
    let server: Awaited<ReturnType<typeof startControlServer>>
    try {
      server = await startControlServer({ api: inspectorApi(ctx), staticDir, port })
    } catch (err) {
      throw portError(err, port)
    }
    ctx.hooklens.setUiUrl(server.url, { url: server.origin, token: server.token })
    ctx.log(`Inspector: ${server.url}`)
    if (ctx.opts.open) openBrowser(server.url)
    ctx.stops.push(() => server.close())
  },
}
