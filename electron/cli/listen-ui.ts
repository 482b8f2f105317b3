/**
 * The browser inspector's part of `hooklens listen` (`--ui-port PORT`, `--open`; `--no-ui` skips
 * it): builds the renderer on first use, serves it and the composition root's API on a loopback
 * port of its own (never the receiver's) and prints the one URL that carries the token.
 */
import { spawn } from 'node:child_process'
import { createServer } from 'node:net'
import type { ApiPush } from '../../shared/api'
import { ensureRendererBuilt, startControlServer, type ControlServer } from '../core/control'
import type { Hooklens } from '../core/hooklens/hooklens'
import { CliFailure } from './errors'
import type { ListenOptions } from './listen-types'

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

/** Serves the inspector; a taken port is a CliFailure (listen stops and says so). */
export async function startInspector(
  h: Pick<Hooklens, 'api' | 'subscribe' | 'settings' | 'setControl'>,
  opts: Pick<ListenOptions, 'uiPort' | 'open'>,
  log: (line: string) => void,
): Promise<ControlServer> {
  const port = opts.uiPort ?? h.settings.get().ui?.port ?? 0
  // Checked before the (possibly slow) first build, so a taken port is said at once.
  if (port !== 0) await assertPortFree(port)
  const staticDir = await ensureRendererBuilt(log)
  const api = { ...h.api, subscribe: (listener: (push: ApiPush) => void) => h.subscribe(listener) }
  let server: ControlServer
  try {
    server = await startControlServer({ api, staticDir, port })
  } catch (err) {
    throw portError(err, port)
  }
  h.setControl({ url: server.origin, token: server.token })
  log(`Inspector: ${server.url}`)
  if (opts.open) openBrowser(server.url)
  return server
}
