/**
 * `hooklens listen`: runs the receiver and prints each event as it arrives — a readable line by
 * default, the whole contract object (body included) per line with --json — then, in this
 * order, the tunnel, forwarding and the browser inspector. Events go to stdout, everything else
 * to stderr. When the reader of stdout goes away (`listen --json | head -1`) listen stops
 * cleanly: requests in flight are answered and stored, then it exits 0.
 */
import { STATUS_CODES } from 'node:http'
import { Command, Option } from 'commander'
import { hasHeader } from '../../../shared/headers'
import { createHooklens, type Hooklens } from '../../core/hooklens/hooklens'
import { createAnalyzers } from '../../core/hooklens/default-analyzers'
import { DataDirLockedError } from '../../core/store/lock-file'
import { CliFailure, UsageError } from '../errors'
import { cliDataDir } from '../data-dir'
import { summaryLine } from '../format-event'
import { batchedLineWriter } from '../line-writer'
import {
  collect,
  httpUrl,
  parseHeader,
  parseIntFlag,
  parsePort,
  parseSize,
  parseStatus,
} from '../parse'
import { sessionVerifiers } from '../session-secrets'
import { listenFilter } from '../listen-filter'
import { colorFor } from '../color'
import { onStdoutClosed } from '../stdout-guard'
import { safeLine } from '../terminal-text'
import { contractLine, storedContractLine } from '../contract-line'
import { startForwarding, validateForwardFlags } from '../listen-forward'
import { tunnelPrinter, validateTunnelFlags } from '../listen-tunnel'
import type { ListenOptions } from '../listen-types'
import { startInspector } from '../listen-ui'
import type { RegisterCommand } from './index'

const repeatable = (v: string, prev: string[] = []) => [...prev, v]

export const registerListen: RegisterCommand = (program) => {
  const cmd = program
    .command('listen')
    .description('receive webhooks, store them and print each one as it arrives')
    .addOption(
      new Option('--port <port>', 'receiver port, 0 picks a free one (default: 9000)').argParser(
        parsePort,
      ),
    )
    .option(
      '--host <host>',
      'address to bind the receiver to, 0.0.0.0 = every interface (default: 127.0.0.1)',
    )
    .option(
      '--data-dir <dir>',
      'where events and settings live (default: HOOKLENS_DATA_DIR, else the OS app-data folder)',
    )
    .option('--json', 'print each event as one JSON object per line (the contract, body included)')
    .addOption(
      new Option('--max-body <size>', 'largest body kept, e.g. 512kb (default: 10mb)').argParser(
        parseSize,
      ),
    )
    .addOption(
      new Option('--respond <status>', 'status of the default answer (default: 200)').argParser(
        parseStatus,
      ),
    )
    .option(
      '--respond-body <text>',
      'body of the default answer (default: {"ok":true}, or a JSON error for 4xx/5xx)',
    )
    .addOption(
      new Option('--respond-delay <ms>', 'wait before answering (default: 0)').argParser(
        parseIntFlag('--respond-delay'),
      ),
    )
    .addOption(
      new Option(
        '--respond-header <header>',
        "header of the default answer, 'Name: value' (repeatable; 429 and 503 get Retry-After: 10)",
      ).argParser(collect(parseHeader('--respond-header'))),
    )
    .addOption(
      new Option(
        '--secret <scheme=secret>',
        'verify with this secret for this session (repeatable; several for one scheme = rotation)',
      ).argParser(repeatable),
    )
    .addOption(
      new Option(
        '--secret-env <scheme=VAR>',
        'like --secret, the secret read from environment variable VAR (kept out of `ps`)',
      ).argParser(repeatable),
    )
    .addOption(
      new Option(
        '--headers-timeout <s>',
        'answer 408 when request headers take longer than this (default: 10, settings receiver.headersTimeoutSec)',
      ).argParser(parseIntFlag('--headers-timeout', 1)),
    )
    .addOption(
      new Option(
        '--body-timeout <s>',
        'answer 408 and record the request as rejected when its body takes longer (default: 30)',
      ).argParser(parseIntFlag('--body-timeout', 1)),
    )
    .option(
      '--fsync',
      'sync the event log to disk before each answer (slower, survives power loss)',
    )
    .option(
      '--events <types>',
      'print and forward only these event types (comma-separated, * allowed); all are stored',
    )
    .option(
      '--path <glob>',
      'print and forward only events on this path (prefix or glob); all are stored',
    )
    .option('--color', 'colour the verdicts (default: on a terminal, unless NO_COLOR is set)')
    .option('--no-color', 'no colour')
    .option('--no-tunnel', 'do not open the public tunnel')
    .option('--no-ui', 'do not serve the browser inspector')
    .option('--tunnel-host <url>', 'localtunnel server to use (default https://localtunnel.me)')
    .option('--subdomain <name>', 'ask the tunnel server for this subdomain')
    .option(
      '--forward-to <url>',
      'forward every event to this URL, in order, with retries (repeatable)',
      (v: string, prev: string[] = []) => [...prev, httpUrl('--forward-to', v)],
    )
    .addOption(
      new Option(
        '-H, --forward-header <header>',
        "set this header on every forwarded request, 'Name: value' (repeatable)",
      ).argParser(collect(parseHeader('--forward-header'))),
    )
    .addOption(
      new Option('--ui-port <port>', 'inspector port (default: a free one)').argParser(parsePort),
    )
    .option('--open', 'open the inspector in the default browser')
  cmd.addHelpText('after', '\nScheme ids for --secret: `hooklens schemes`.')
  cmd.action(async (opts: ListenOptions) => {
    await runListen(opts)
  })
}

export async function runListen(opts: ListenOptions): Promise<void> {
  // Log lines quote senders, tunnel servers and handlers: escaped like every terminal line.
  const log = (line: string) => process.stderr.write(`${safeLine(line)}\n`)
  const dataDir = cliDataDir(opts.dataDir)
  const verifiers = sessionVerifiers(opts.secret ?? [], opts.secretEnv ?? [])
  validateTunnelFlags(opts)
  validateForwardFlags(opts)

  // 1. The core: settings, event log, replay, tunnel (not yet open), the receiver.
  let hooklens: Hooklens
  try {
    hooklens = await createHooklens({
      dataDir,
      port: opts.port,
      host: opts.host,
      maxBodyBytes: opts.maxBody,
      headersTimeoutSec: opts.headersTimeout,
      bodyTimeoutSec: opts.bodyTimeout,
      respond: defaultAnswer(opts),
      sessionVerifiers: verifiers,
      fsync: opts.fsync,
      // Status changes are printed below; the manager's own log lines would repeat them.
      tunnel: { host: opts.tunnelHost, subdomain: opts.subdomain, manager: { logger: quiet } },
      analyzers: createAnalyzers({ logger: { warn: (m) => log(`warning: ${m}`) } }),
      logger: { info: log, warn: (m) => log(`warning: ${m}`) },
    })
  } catch (err) {
    throw explainStartError(err, dataDir)
  }
  const stops: (() => Promise<void> | void)[] = []
  const shutdown = async () => {
    for (const stop of stops.reverse()) await Promise.resolve(stop()).catch(() => undefined)
    await hooklens.stop()
  }
  try {
    await hooklens.start()
  } catch (err) {
    await hooklens.stop().catch(() => undefined)
    throw explainStartError(err, dataDir, opts.port ?? hooklens.settings.get().receiver.port)
  }
  const stored = hooklens.store.count
  if (stored > 0) log(`${stored} stored event${stored === 1 ? '' : 's'} loaded`)
  log(
    `Hooklens is receiving on ${hooklens.receiverUrl}${boundNote(opts.host, hooklens)}  (data: ${dataDir})`,
  )

  // 2. What is printed: every captured event (as filtered), and stalled subjects.
  const stdoutClosed = new Promise<string>((resolve) => {
    onStdoutClosed(() => resolve('the reader of stdout went away'))
  })
  const print = batchedLineWriter(process.stdout)
  const shown = listenFilter(opts)
  const color = colorFor(opts.color)
  if (shown)
    log(
      `printing and forwarding only${opts.events ? ` events ${opts.events}` : ''}${opts.path ? ` on ${opts.path}` : ''} (every event is still stored)`,
    )
  hooklens.on('captured', ({ event, body, line }) => {
    if (shown && !shown(event)) return
    if (!opts.json) print(summaryLine(event, { color }))
    // The stored line is the event with its body already serialised: printed, not rebuilt.
    else print(line ? storedContractLine(line) : contractLine(event, body))
  })
  // Agent lens: a stalled task is news, not an event: stdout beside the events, stderr in --json.
  hooklens.on('stalled', (s) =>
    opts.json ? log(`⚑ ${s.message}`) : print(safeLine(`⚑ ${s.message}`)),
  )

  // 3. The tunnel: every status printed; not awaited, so a slow tunnel server holds up nothing.
  if (opts.tunnel === false) log('Tunnel: off (--no-tunnel)')
  else {
    // Kept to the end: stopping says "Tunnel: hooklens stopped" like every other change.
    const unwatch = hooklens.tunnel.onStatus(tunnelPrinter(log))
    if (!hooklens.openTunnel()) {
      unwatch()
      log('Tunnel: off (disabled in settings)')
    }
  }

  // 4. Forwarding: this session's --forward-to targets beside the saved rules.
  stops.push(startForwarding(hooklens.replay, opts, log))

  // 5. The browser inspector, serving the API (the tunnel's toggle included, even with it off).
  if (opts.ui !== false) {
    try {
      const server = await startInspector(hooklens, opts, log)
      stops.push(() => server.close())
    } catch (err) {
      // A clear failure (inspector port taken) stops listen; anything else only costs the UI.
      if (err instanceof UsageError || err instanceof CliFailure) {
        await shutdown()
        throw err
      }
      log(`warning: inspector: ${(err as Error).message}`)
    }
  }

  const why = await Promise.race([waitForSignal(), stdoutClosed])
  log(`stopping (${why})…`)
  await shutdown()
}

const quiet = { info: () => undefined, warn: () => undefined }

/**
 * The session's default answer. An error status without --respond-body answers a JSON error
 * rather than the success body `{"ok":true}`; 429 and 503 carry Retry-After, since watching an
 * agent honour it is why one answers them.
 */
function defaultAnswer(opts: ListenOptions) {
  const status = opts.respond
  const headers = [...(opts.respondHeader ?? [])]
  let body = opts.respondBody
  if (status !== undefined && status >= 400 && body === undefined) {
    body = JSON.stringify({ error: STATUS_CODES[status] ?? `HTTP ${status}`, status })
  }
  if ((status === 429 || status === 503) && !hasHeader(headers, 'retry-after'))
    headers.push(['Retry-After', '10'])
  return { status, body, delayMs: opts.respondDelay, headers }
}

/** Where a wildcard bind is reachable from: the printed URL alone would hide it. */
function boundNote(host: string | undefined, h: Hooklens): string {
  const bound = host ?? h.settings.get().receiver.host
  if (bound === '0.0.0.0' || bound === '::') {
    return ` and on every network interface (bound to ${bound}:${h.receiverPort})`
  }
  return ''
}

/** SIGHUP too: a closed terminal must release the data dir's lock like Ctrl-C does. */
function waitForSignal(): Promise<string> {
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP']
  return new Promise((resolve) => {
    const done = (signal: NodeJS.Signals) => {
      for (const s of signals) process.off(s, done)
      resolve(signal)
    }
    for (const s of signals) process.on(s, done)
  })
}

function explainStartError(err: unknown, dataDir: string, port?: number): Error {
  const e = err as NodeJS.ErrnoException
  if (err instanceof DataDirLockedError) return new CliFailure(err.message)
  if (e.code === 'EADDRINUSE') {
    return new CliFailure(
      `port ${port} is already in use (another hooklens or dev server? try \`lsof -i :${port}\`); ` +
        'pick another with --port, or --port 0 for a free one',
    )
  }
  if (e.code === 'EACCES' && e.syscall === 'listen') {
    return new CliFailure(`not allowed to listen on port ${port}; use a port above 1024`)
  }
  if (e.code === 'EACCES' || e.code === 'EROFS' || e.code === 'EPERM') {
    return new CliFailure(
      `cannot write to the data dir ${dataDir} (${e.code}); pass a writable --data-dir or set HOOKLENS_DATA_DIR`,
    )
  }
  if (e.code === 'EADDRNOTAVAIL' || e.code === 'ENOTFOUND')
    return new CliFailure(`cannot bind to that --host address (${e.message})`)
  return err instanceof Error ? err : new Error(String(err))
}

export type { Command }
