/**
 * `hooklens listen`: runs the receiver (and, through listen extensions, the tunnel, the browser
 * inspector and forwarding) and prints each event as it arrives — a readable line by default,
 * the whole contract object (body included) per line with --json. Events go to stdout,
 * everything else to stderr. When the reader of stdout goes away (`listen --json | head -1`)
 * listen stops cleanly: requests in flight are answered and stored, then it exits 0.
 */
import { STATUS_CODES } from 'node:http'
import { Command, Option } from 'commander'
import type { EventSummary } from '../../../shared/event'
import { createHooklens, type Hooklens } from '../../core/hooklens/hooklens'
import { createAnalyzers } from '../../core/hooklens/default-analyzers'
import { encodeBody } from '../../core/replay/body-encoding'
import { DataDirLockedError } from '../../core/store/lock-file'
import { CliFailure, UsageError } from '../errors'
import { cliDataDir } from '../data-dir'
import { summaryLine } from '../format-event'
import { batchedLineWriter } from '../line-writer'
import { collect, parseHeader, parseIntFlag, parsePort, parseSize, parseStatus } from '../parse'
import { sessionVerifiers } from '../session-secrets'
import { listenFilter } from '../listen-filter'
import { colorFor } from '../color'
import { onStdoutClosed } from '../stdout-guard'
import { safeLine, terminalJson } from '../terminal-text'
import { LISTEN_EXTENSIONS } from '../listen-extensions'
import type { ListenContext, ListenOptions } from '../listen-types'
import type { RegisterCommand } from './index'

export type { ListenOptions } from '../listen-types'

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
  for (const ext of LISTEN_EXTENSIONS) ext.options?.(cmd)
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
  for (const ext of LISTEN_EXTENSIONS) ext.validate?.(opts)
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
      analyzers: createAnalyzers({ logger: { warn: (m) => log(`warning: ${m}`) } }),
      logger: { info: log, warn: (m) => log(`warning: ${m}`) },
    })
  } catch (err) {
    throw explainStartError(err, dataDir)
  }
  const ctx: ListenContext = { hooklens, opts, log, stops: [], apiGroups: [] }
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
  hooklens.on('captured', (event: EventSummary, body: Buffer) => {
    if (shown && !shown(event)) return
    print(opts.json ? contractLine(event, body) : summaryLine(event, { color }))
  })
  // Agent lens: a stalled task is news, not an event: stdout beside the events, stderr in --json.
  hooklens.on('stalled', (s: { message: string }) =>
    opts.json ? log(`⚑ ${s.message}`) : print(safeLine(`⚑ ${s.message}`)),
  )
  for (const ext of LISTEN_EXTENSIONS) {
    try {
      await ext.start?.(ctx)
    } catch (err) {
      // A usage mistake or a clear failure (inspector port taken) stops listen; anything
      // else only costs that extension.
      if (err instanceof UsageError || err instanceof CliFailure) {
        await shutdown(ctx)
        throw err
      }
      log(`warning: ${ext.name}: ${(err as Error).message}`)
    }
  }
  const why = await Promise.race([waitForSignal(), stdoutClosed])
  log(`stopping (${why})…`)
  await shutdown(ctx)
}

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
  const hasRetryAfter = headers.some(([k]) => k.toLowerCase() === 'retry-after')
  if ((status === 429 || status === 503) && !hasRetryAfter) headers.push(['Retry-After', '10'])
  return { status, body, delayMs: opts.respondDelay, headers }
}

/** The event as `events show --json` prints it: every contract field, the body included. */
function contractLine(event: EventSummary, body: Buffer): string {
  return terminalJson(JSON.stringify({ ...event, ...encodeBody(body) }))
}

async function shutdown(ctx: ListenContext): Promise<void> {
  for (const stop of ctx.stops.reverse()) await stop().catch(() => undefined)
  await ctx.hooklens.stop()
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
