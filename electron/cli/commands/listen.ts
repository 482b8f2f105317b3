/**
 * `hooklens listen`: runs the receiver (and, through listen extensions, the tunnel, the browser
 * inspector and forwarding) and prints each event as it arrives — a readable line by default,
 * one JSON object per line with --json. Events go to stdout, everything else to stderr.
 */
import { Command, Option } from 'commander'
import { createHooklens, type Hooklens } from '../../core/hooklens/hooklens'
import { createAnalyzers } from '../../core/hooklens/default-analyzers'
import { DataDirLockedError } from '../../core/store/lock-file'
import { resolveDataDir } from '../../core/settings/data-dir'
import { CliFailure, UsageError } from '../errors'
import { verifiersFromFlags } from '../../core/verify'
import { summaryLine } from '../format-event'
import { batchedLineWriter } from '../line-writer'
import { parseIntFlag, parsePort, parseSize, parseStatus } from '../parse'
import { LISTEN_EXTENSIONS } from '../listen-extensions'
import type { ListenContext, ListenOptions } from '../listen-types'
import type { RegisterCommand } from './index'

export type { ListenOptions } from '../listen-types'

export const registerListen: RegisterCommand = (program) => {
  const cmd = program
    .command('listen')
    .description('receive webhooks, store them and print each one as it arrives')
    .addOption(
      new Option('--port <port>', 'receiver port (0 picks a free one)').argParser(parsePort),
    )
    .option('--host <host>', 'address to bind the receiver to (default 127.0.0.1)')
    .option('--data-dir <dir>', 'where events and settings live')
    .option('--json', 'print one JSON event per line on stdout')
    .addOption(new Option('--max-body <size>', 'largest body kept, e.g. 10mb').argParser(parseSize))
    .addOption(
      new Option('--respond <status>', 'status of the default answer').argParser(parseStatus),
    )
    .option('--respond-body <text>', 'body of the default answer')
    .addOption(
      new Option('--respond-delay <ms>', 'wait before answering').argParser(
        parseIntFlag('--respond-delay'),
      ),
    )
    .addOption(
      new Option(
        '--secret <scheme=secret>',
        'verify with this secret for this session (repeatable; several for one scheme = rotation)',
      ).argParser((v: string, prev: string[] = []) => [...prev, v]),
    )
    .option(
      '--fsync',
      'sync the event log to disk before each answer (slower, survives power loss)',
    )
    .option('--no-tunnel', 'do not open the public tunnel')
    .option('--no-ui', 'do not serve the browser inspector')
  for (const ext of LISTEN_EXTENSIONS) ext.options?.(cmd)
  cmd.action(async (opts: ListenOptions) => {
    await runListen(opts)
  })
}

export async function runListen(opts: ListenOptions): Promise<void> {
  const log = (line: string) => process.stderr.write(`${line}\n`)
  const dataDir = resolveDataDir(opts.dataDir)
  const session = verifiersFromFlags(opts.secret ?? [])
  if (session.problems.length > 0) throw new UsageError(session.problems.join('; '))
  let hooklens: Hooklens
  try {
    hooklens = await createHooklens({
      dataDir,
      port: opts.port,
      host: opts.host,
      maxBodyBytes: opts.maxBody,
      respond: { status: opts.respond, body: opts.respondBody, delayMs: opts.respondDelay },
      sessionVerifiers: session.verifiers,
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
  if (hooklens.store.count > 0) log(`${hooklens.store.count} stored events loaded`)
  log(`Hooklens is receiving on ${hooklens.receiverUrl}  (data: ${dataDir})`)
  const print = batchedLineWriter(process.stdout)
  hooklens.on('captured', (event) => print(opts.json ? JSON.stringify(event) : summaryLine(event)))
  // Agent lens: a stalled task is news, not an event: stdout beside the events, stderr in --json.
  hooklens.on('stalled', (s: { message: string }) =>
    opts.json ? log(`⚑ ${s.message}`) : print(`⚑ ${s.message}`),
  )
  for (const ext of LISTEN_EXTENSIONS) {
    try {
      await ext.start?.(ctx)
    } catch (err) {
      log(`warning: ${ext.name}: ${(err as Error).message}`)
    }
  }
  await waitForSignal()
  log('stopping…')
  for (const stop of ctx.stops.reverse()) await stop().catch(() => undefined)
  await hooklens.stop()
}

function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      process.off('SIGINT', done)
      process.off('SIGTERM', done)
      resolve()
    }
    process.on('SIGINT', done)
    process.on('SIGTERM', done)
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
  if (e.code === 'EADDRNOTAVAIL')
    return new CliFailure(`cannot bind to that --host address (${e.message})`)
  return err instanceof Error ? err : new Error(String(err))
}

export type { Command }
