/**
 * `hooklens events list|show`: reads the event log of a data dir — read-only, so it works
 * while `hooklens listen` or the desktop app is writing it.
 */
import { Command, Option } from 'commander'
import type { EventQuery } from '../../../shared/api'
import type { EventSummary } from '../../../shared/event'
import type { EventStore } from '../../core/store/event-store'
import type { EventMeta } from '../../core/store/log-format'
import { openEventLogReader, selectNewest } from '../../core/store/open-reader'
import { decodeBody } from '../../core/store/body-encoding'
import { matchesQuery } from '../../core/inspect/query'
import { CliFailure, UsageError } from '../errors'
import { cliDataDir } from '../data-dir'
import { describeEvent } from '../describe-event'
import { colorFor } from '../color'
import { resolveEventId } from '../event-id'
import { terminalJson } from '../terminal-text'
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
  color?: boolean
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
    .option(
      '--verification <status>',
      'valid | invalid | missing | unverifiable | none (comma-separated for several)',
    )
    .option('--path <pattern>', 'path prefix or glob')
    .option('--color', 'colour the verdicts (default: on a terminal, unless NO_COLOR is set)')
    .option('--no-color', 'no colour')
    .action(async (flags: ListFlags) => {
      const verification = flags.verification && parseVerification(flags.verification)
      const query: EventQuery = {
        subject: flags.subject,
        platform: flags.platform,
        eventType: flags.eventType,
        verification: verification || undefined,
        path: flags.path,
        idempotency:
          [flags.duplicates && 'duplicate', flags.conflicts && 'conflict']
            .filter(Boolean)
            .join(',') || undefined,
      }
      // No text search here, so matchesQuery never looks at headers: filter the index's
      // metadata and read headers only for the events printed.
      const match = (m: EventMeta) => matchesQuery(m as EventSummary, query)
      let list: EventSummary[]
      if (flags.limit !== undefined) {
        // Only the newest segments the answer needs are read, not every event's place.
        list = await selectNewest(
          cliDataDir(flags.dataDir, { mustExist: true }),
          match,
          flags.limit,
        )
      } else {
        const store = await openReadOnly(flags.dataDir)
        list = store.select(match)
        await store.close()
      }
      const color = colorFor(flags.color)
      const lines = list.map((e) =>
        flags.json ? terminalJson(JSON.stringify(e)) : summaryLine(e, { color }),
      )
      if (lines.length > 0) process.stdout.write(`${lines.join('\n')}\n`)
      if (!flags.json && list.length === 0) process.stderr.write('no events\n')
    })
  events
    .command('show <id>')
    .description('show one event: headers, verification, idempotency and body')
    .option('--json', 'the event as JSON (the contract, body included)')
    .option('--body', 'only the body bytes, exactly as received')
    .option('--data-dir <dir>', 'where events and settings live')
    .addHelpText(
      'after',
      '\nID is a full event id, a unique prefix of 4 or more characters, or "last".',
    )
    .action(async (typed: string, flags: { json?: boolean; body?: boolean; dataDir?: string }) => {
      const store = await openReadOnly(flags.dataDir)
      try {
        const id = resolveEventId(typed, () => store.ids(), store.file)
        const event = await store.getFull(id)
        if (!event) throw new CliFailure(`no event ${typed} in ${store.file}`)
        // getFull read the body already: decoded here rather than read a second time.
        const bytes = () => decodeBody(event.body, event.bodyEncoding)
        if (flags.body) process.stdout.write(bytes())
        else if (flags.json) process.stdout.write(`${terminalJson(JSON.stringify(event))}\n`)
        else process.stdout.write(await describeEvent(event, bytes()))
      } finally {
        await store.close()
      }
    })
}

const VERIFICATION = ['valid', 'invalid', 'missing', 'unverifiable', 'none']

/** `--verification` takes one status or a comma-separated list of them. */
function parseVerification(value: string): string {
  const bad = value
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter((s) => !VERIFICATION.includes(s))
  if (bad.length > 0) {
    throw new UsageError(
      `--verification: "${bad.join(',')}" is not a status (one or more of ${VERIFICATION.join(', ')}, comma-separated)`,
    )
  }
  return value
}

/** The event log of a data dir, read-only; a named data dir that does not exist is an error. */
export async function openReadOnly(dataDirFlag?: string): Promise<EventStore> {
  const dir = cliDataDir(dataDirFlag, { mustExist: true })
  return openEventLogReader(dir)
}
