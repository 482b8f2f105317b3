/**
 * `hooklens events list|show`: reads the event log of a data dir — read-only, so it works
 * while `hooklens listen` or the desktop app is writing it.
 */
import { Command, Option } from 'commander'
import type { EventQuery } from '../../../shared/api'
import type { EventSummary } from '../../../shared/event'
import { resolveDataDir } from '../../core/settings/data-dir'
import type { EventStore } from '../../core/store/event-store'
import { openEventLogReader } from '../../core/store/open-reader'
import { matchesQuery } from '../../core/inspect/query'
import { CliFailure } from '../errors'
import { registerEventsDiff } from './events-diff'
import { summaryLine } from '../format-event'
import { parseIntFlag } from '../parse'
import type { RegisterCommand } from './index'

interface ListFlags {
  json?: boolean
  limit?: number
  dataDir?: string
  subject?: string
  platform?: string
  eventType?: string
  duplicates?: boolean
  conflicts?: boolean
  verification?: string
  path?: string
}

export let eventsCommand: Command | null = null

export const registerEvents: RegisterCommand = (program) => {
  const events = program.command('events').description('list and show stored events')
  eventsCommand = events
  registerEventsDiff(events)
  events
    .command('list')
    .description('list stored events, oldest first (newest last)')
    .option('--json', 'one JSON event object per line')
    .addOption(new Option('--limit <n>', 'only the newest N').argParser(parseIntFlag('--limit', 1)))
    .option('--data-dir <dir>', 'where events and settings live')
    .option('--subject <id>', 'events about this task / execution / object')
    .option('--platform <name>', 'events from this platform (a2a, agent-gateway, stripe, ...)')
    .option('--event-type <type>', 'events of this type')
    .option('--duplicates', 'only duplicates (same idempotency key, same body)')
    .option('--conflicts', 'only conflicts (same idempotency key, different body)')
    .option('--verification <status>', 'valid | invalid | missing | unverifiable | none')
    .option('--path <pattern>', 'path prefix or glob')
    .action(async (flags: ListFlags) => {
      const store = await openReadOnly(flags.dataDir)
      const query: EventQuery = {
        subject: flags.subject,
        platform: flags.platform,
        eventType: flags.eventType,
        verification: flags.verification,
        path: flags.path,
        idempotency:
          [flags.duplicates && 'duplicate', flags.conflicts && 'conflict']
            .filter(Boolean)
            .join(',') || undefined,
      }
      // No text search here, so matchesQuery never looks at headers: filter the index's
      // metadata and read headers only for the events printed.
      const list = store.select((m) => matchesQuery(m as EventSummary, query), flags.limit)
      for (const e of list) {
        process.stdout.write(flags.json ? `${JSON.stringify(e)}\n` : `${summaryLine(e)}\n`)
      }
      if (!flags.json && list.length === 0) process.stderr.write('no events\n')
      await store.close()
    })
  events
    .command('show <id>')
    .description('show one event: headers, verification, idempotency and body')
    .option('--json', 'the event as JSON (the contract, body included)')
    .option('--body', 'only the body bytes, exactly as received')
    .option('--data-dir <dir>', 'where events and settings live')
    .action(async (id: string, flags: { json?: boolean; body?: boolean; dataDir?: string }) => {
      const store = await openReadOnly(flags.dataDir)
      try {
        const event = await store.getFull(id)
        if (!event) throw new CliFailure(`no event ${id} in ${store.file}`)
        if (flags.body) {
          process.stdout.write((await store.readBody(id)) ?? Buffer.alloc(0))
        } else if (flags.json) {
          process.stdout.write(`${JSON.stringify(event)}\n`)
        } else {
          process.stdout.write(describe(event))
        }
      } finally {
        await store.close()
      }
    })
}

export async function openReadOnly(dataDirFlag?: string): Promise<EventStore> {
  const dir = resolveDataDir(dataDirFlag)
  return openEventLogReader(dir)
}

function describe(e: Awaited<ReturnType<EventStore['getFull']>> & object): string {
  const lines = [
    summaryLine(e),
    '',
    `${e.method} ${e.query ? `${e.path}?${e.query}` : e.path}`,
    ...e.headers.map(([k, v]) => `${k}: ${v}`),
    '',
    `verification: ${e.verification.status}${e.verification.scheme ? ` (${e.verification.scheme})` : ''} — ${e.verification.reason}`,
    `idempotency:  ${e.idempotency.status} key ${e.idempotency.key} from ${e.idempotency.source} (${e.idempotency.count} seen, first ${e.idempotency.firstId})`,
    `platform:     ${e.classification.platform}${e.classification.eventType ? ` ${e.classification.eventType}` : ''}${e.classification.subject ? ` about ${e.classification.subject}` : ''}`,
    `answered:     ${e.response.status} in ${e.response.latencyMs} ms`,
    `body:         ${e.size} bytes, sha256 ${e.sha256}${e.bodyEncoding === 'base64' ? ' (binary, shown as base64)' : ''}`,
    '',
    e.body,
    '',
  ]
  return lines.join('\n')
}
