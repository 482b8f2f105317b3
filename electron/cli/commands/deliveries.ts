/**
 * `hooklens deliveries`: the replay and forwarding log (status, attempts, last error). What
 * `listen --forward-to` logs while forwarding is in listen-forward.ts.
 */
import { Option, type Command } from 'commander'
import { DeliveryStore, type Delivery, type DeliveryStatus } from '../../core/replay'
import { readRuntimeInfo } from '../../core/share/runtime-info'
import { cliDataDir } from '../data-dir'
import { safeLine, terminalJson } from '../terminal-text'
import { parseIntFlag } from '../parse'
import type { RegisterCommand } from './index'

interface DeliveriesFlags {
  failed?: boolean
  dead?: boolean
  pending?: boolean
  event?: string
  limit?: number
  json?: boolean
  dataDir?: string
}

export const registerDeliveries: RegisterCommand = (program: Command) => {
  program
    .command('deliveries')
    .description('list replays and forwards, newest first: status, attempts, last error')
    .option(
      '--failed',
      'only failed ones: answered non-2xx, unreachable, waiting to retry, or dead letters',
    )
    .option('--dead', 'only dead letters (forwards that gave up; see `hooklens redrive`)')
    .option('--pending', 'only queued ones')
    .option('--event <id>', 'only deliveries of this event')
    .addOption(new Option('--limit <n>', 'at most N').argParser(parseIntFlag('--limit', 1)))
    .option('--json', 'one JSON delivery record per line')
    .option('--data-dir <dir>', 'where events and settings live')
    .action(async (flags: DeliveriesFlags) => {
      // Read-only: `listen` or the app may be appending to the same log right now.
      const dir = cliDataDir(flags.dataDir, { mustExist: true })
      const store = await DeliveryStore.open({ dir, readOnly: true })
      const status: DeliveryStatus[] = []
      // A dead letter is a failure too: the one that gave up.
      if (flags.failed) status.push('failed', 'dead')
      if (flags.dead) status.push('dead')
      if (flags.pending) status.push('pending')
      const list = store.list({
        status: status.length ? status : undefined,
        eventId: flags.event,
        limit: flags.limit,
      })
      await store.close()
      if (flags.json)
        for (const d of list) process.stdout.write(`${terminalJson(JSON.stringify(d))}\n`)
      else if (list.length === 0) process.stderr.write('no deliveries\n')
      else {
        const live = { running: readRuntimeInfo(dir) !== null, now: Date.now() }
        for (const d of list) process.stdout.write(`${deliveryLine(d, live)}\n`)
      }
    })
}

/**
 * One delivery per line. `live` says whether a listen runs on the data dir now: the stored
 * "retrying in 8 s" was true when written; without a running forwarder it is not.
 */
export function deliveryLine(d: Delivery, live?: { running: boolean; now: number }): string {
  const answer = d.response ? `${d.response.status}` : '—'
  const tries = d.kind === 'forward' ? ` ${d.attempts}/${d.maxAttempts}` : ''
  const when = d.deliveredAt ?? d.updatedAt
  const err = d.status === 'delivered' || !d.lastError ? '' : `  ${retryNote(d, live)}`
  return safeLine(
    `${d.id}  ${d.status.padEnd(9)} ${d.kind.padEnd(7)}${tries}  ${answer}  ${d.request.method} ${d.target}  event ${d.eventId}  ${when}${err}`,
  )
}

function retryNote(d: Delivery, live?: { running: boolean; now: number }): string {
  const error = d.lastError ?? ''
  if (!live || d.status !== 'failed' || !d.nextAttemptAt) return error
  const base = error.replace(/ — retrying in .*$/, '')
  if (!live.running) return `${base} — waiting: retries resume when hooklens listen runs again`
  const secs = Math.max(0, Math.round((Date.parse(d.nextAttemptAt) - live.now) / 1000))
  return `${base} — next attempt in ${secs} s`
}
