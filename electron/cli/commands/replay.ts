/**
 * `hooklens replay ID --to URL`: send a stored event to a handler again — byte-exact, or edited
 * and re-signed — and show what it answered. Exit 0 when the target answered 2xx, 1 otherwise.
 */
import { readFile } from 'node:fs/promises'
import { Option, type Command } from 'commander'
import type { HeaderPair } from '../../../shared/event'
import { DeliveryStore, replayRequest, formatDuration, type Delivery } from '../../core/replay'
import { decodeBody } from '../../core/store/body-encoding'
import { openEventLogReader } from '../../core/store/open-reader'
import { CliFailure, UsageError } from '../errors'
import { cliDataDir } from '../data-dir'
import { resolveEventId } from '../event-id'
import { readSettings } from '../settings-access'
import { safeBlock, terminalJson } from '../terminal-text'
import { collect, httpUrl, parseIntFlag, parseSchemeSecret } from '../parse'
import type { RegisterCommand } from './index'

interface ReplayFlags {
  to: string
  resign?: boolean
  newId?: boolean
  appendPath?: boolean
  header?: HeaderPair[]
  removeHeader?: string[]
  bodyFile?: string
  secret?: { scheme: string; secret: string }[]
  timeout?: number
  dataDir?: string
  json?: boolean
}

export const registerReplay: RegisterCommand = (program: Command, setExitCode) => {
  program
    .command('replay')
    .description('send a stored event to your handler again (exit 0 when it answers 2xx)')
    .argument('<id>', 'event id, or "last" for the newest event')
    .requiredOption('--to <url>', 'where to send it, e.g. http://localhost:3000/webhook', (v) =>
      httpUrl('--to', v),
    )
    .option('--resign', 'recompute the signature with a fresh timestamp (needs the secret)')
    .option('--new-id', 'give the message a new id (implies --resign)')
    .option('--append-path', "append the event's original path and query to the --to URL")
    .addOption(
      new Option('--header <header>', "set a header, 'Name: value' (repeatable)").argParser(
        collect(parseHeader),
      ),
    )
    .addOption(
      new Option('--remove-header <name>', 'drop a header (repeatable)').argParser(
        collect((v: string) => v),
      ),
    )
    .option(
      '--body-file <file>',
      'send this file as the body instead (re-signed when a secret is known)',
    )
    .addOption(
      new Option('--secret <scheme=secret>', 'secret to re-sign with (repeatable)').argParser(
        collect(parseSchemeSecret),
      ),
    )
    .addOption(
      new Option('--timeout <ms>', 'give up after this long (default 30000)').argParser(
        parseIntFlag('--timeout', 1),
      ),
    )
    .option('--data-dir <dir>', 'where events and settings live')
    .option('--json', 'print the delivery record as JSON')
    .action(async (id: string, flags: ReplayFlags) => {
      const delivery = await runReplay(id, flags)
      process.stdout.write(
        flags.json ? `${terminalJson(JSON.stringify(delivery))}\n` : describeDelivery(delivery),
      )
      setExitCode(delivery.status === 'delivered' ? 0 : 1)
    })
}

async function runReplay(id: string, flags: ReplayFlags): Promise<Delivery> {
  const dir = cliDataDir(flags.dataDir, { mustExist: true })
  const bodyOverride = flags.bodyFile ? await readBodyFile(flags.bodyFile) : undefined
  const events = await openEventLogReader(dir)
  try {
    const eventId = resolveEventId(id, () => events.ids(), dir)
    const event = await events.getFull(eventId)
    if (!event) throw new CliFailure(`no event ${id} in ${dir}`)
    const verifiers = readSettings(dir).verifiers
    const deliveries = await DeliveryStore.open({ dir, compact: false })
    try {
      return await replayRequest({
        event,
        body: decodeBody(event.body, event.bodyEncoding),
        to: flags.to,
        appendPath: flags.appendPath,
        setHeaders: flags.header,
        removeHeaders: flags.removeHeader,
        bodyOverride,
        timeoutMs: flags.timeout,
        resign: flags.resign,
        newId: flags.newId,
        secrets: {
          verifiers,
          overrides: Object.fromEntries((flags.secret ?? []).map((s) => [s.scheme, s.secret])),
        },
        store: deliveries,
      })
    } finally {
      await deliveries.close()
    }
  } catch (err) {
    const message = (err as Error).message ?? ''
    if (
      (err instanceof TypeError && /Invalid URL/.test(message)) ||
      /only http and https/.test(message)
    ) {
      throw new UsageError(`--to: ${message}`)
    }
    throw err
  } finally {
    await events.close()
  }
}

function parseHeader(value: string): HeaderPair {
  const at = value.indexOf(':')
  if (at <= 0) throw new UsageError(`--header takes 'Name: value' (got "${value}")`)
  return [value.slice(0, at).trim(), value.slice(at + 1).trim()]
}

async function readBodyFile(file: string): Promise<Buffer> {
  try {
    return await readFile(file)
  } catch (err) {
    throw new UsageError(
      `--body-file: cannot read ${file} (${(err as NodeJS.ErrnoException).code})`,
    )
  }
}

/** A readable account of one delivery: what was sent, what came back, and the notes. */
export function describeDelivery(d: Delivery): string {
  const lines: string[] = []
  const sent = `${d.request.method} ${d.request.url} (${d.request.size} bytes)`
  if (d.response) {
    const ok = d.status === 'delivered' ? '✓' : '✗'
    lines.push(`${ok} ${sent} → ${d.response.status} in ${formatDuration(d.latencyMs ?? 0)}`)
  } else {
    lines.push(`✗ ${sent}: ${d.lastError}`)
  }
  for (const n of d.notes) lines.push(`  · ${n}`)
  lines.push(`  delivery ${d.id} for event ${d.eventId}`)
  if (d.response && d.response.size > 0) {
    const text =
      d.response.bodyEncoding === 'utf8' ? d.response.body : `(${d.response.size} bytes of binary)`
    lines.push('', text.length > 2000 ? `${text.slice(0, 2000)}…` : text)
  }
  return `${safeBlock(lines.join('\n'))}\n`
}
