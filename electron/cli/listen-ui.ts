/**
 * The browser inspector as a `hooklens listen` extension: `--no-ui` (listen's own flag),
 * `--ui-port PORT`, `--open`. Builds the renderer on first use, serves it and the API on a
 * loopback port of its own (never the receiver's) and prints the one URL that carries the token.
 */
import { spawn } from 'node:child_process'
import { Option, type Command } from 'commander'
import type { ApiPush, HooklensApi } from '../../shared/api'
import { diffEvents } from '../../shared/diff'
import { ensureRendererBuilt, startControlServer } from '../core/control'
import { exportApi } from '../core/export'
import { createApi } from '../core/hooklens/api'
import type { PartialApiImpl } from '../core/hooklens/api-types'
import { relatedDiffs } from '../core/inspect/related-diffs'
import { ReplayService } from '../core/replay/replay-service'
import { parsePort } from './parse'
import type { ListenContext, ListenExtension } from './listen-extensions'

/** API groups other listen extensions (tunnel, replay) publish for the inspector to serve. */
type WithGroups = ListenContext & { apiGroups?: PartialApiImpl[] }

/**
 * Replay for the inspector: the composition root's service when it runs one; otherwise (until
 * it does) a service of our own — only when the forwarding extension did not open one, since
 * two services must not share a delivery log.
 */
async function replayGroup(ctx: ListenContext): Promise<PartialApiImpl | null> {
  const h = ctx.hooklens
  const wired = (h as unknown as { replay?: ReplayService }).replay
  if (wired instanceof ReplayService) return wired.api() as PartialApiImpl
  const forwarding = ((ctx.opts.forwardTo as string[] | undefined) ?? []).length > 0
  if (forwarding || h.settings.get().forwardRules.length > 0) return null
  const service = await ReplayService.open({
    dataDir: h.opts.dataDir,
    events: h.store,
    verifiers: () => h.verifiers(),
    rules: () => h.settings.get().forwardRules,
    logger: { warn: (m) => ctx.log(`warning: ${m}`) },
  })
  h.on('captured', (event) => service.onCaptured(event))
  service.subscribe((d) => h.emitPush({ type: 'deliveryResult', payload: d }))
  ctx.stops.push(() => service.close())
  return service.api() as PartialApiImpl
}

async function inspectorApi(ctx: ListenContext): Promise<HooklensApi> {
  const h = ctx.hooklens
  const store = h.store
  const diffs: PartialApiImpl = {
    diffEvents: async ({ a, b }) => {
      const [ea, eb] = await Promise.all([store.getFull(a), store.getFull(b)])
      if (!ea || !eb) throw Object.assign(new Error(`unknown event ${ea ? b : a}`), { status: 404 })
      return diffEvents(ea, eb)
    },
    changesSincePrevious: async ({ id }) => relatedDiffs(store, id),
  }
  const exports = exportApi(store, { baseUrl: () => h.receiverUrl, version: h.status().version })
  const groups = (ctx as WithGroups).apiGroups ?? []
  const replay = groups.some((g) => g.replayEvent) ? null : await replayGroup(ctx)
  const api = createApi(h, diffs, exports, ...(replay ? [replay] : []), ...groups)
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
    const staticDir = await ensureRendererBuilt(ctx.log)
    const port =
      (ctx.opts.uiPort as number | undefined) ?? ctx.hooklens.settings.get().ui?.port ?? 0
    const server = await startControlServer({ api: await inspectorApi(ctx), staticDir, port })
    ctx.hooklens.setUiUrl(server.url)
    ctx.log(`Inspector: ${server.url}`)
    if (ctx.opts.open) openBrowser(server.url)
    ctx.stops.push(() => server.close())
  },
}
