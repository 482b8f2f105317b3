/**
 * `hooklens redrive DELIVERY_ID | --all`: send dead letters again with their original bytes,
 * with the usual retries, and report how each ended. Exit 1 when any is still not delivered.
 */
import type { Command } from 'commander'
import { DeliveryStore, Forwarder } from '../../core/replay'
import { cliDataDir } from '../data-dir'
import { openEventLogReader } from '../../core/store/open-reader'
import { CliFailure, UsageError } from '../errors'
import { deliveryLine } from './deliveries'
import type { RegisterCommand } from './index'

interface RedriveFlags {
  all?: boolean
  json?: boolean
  dataDir?: string
}

export const registerRedrive: RegisterCommand = (program: Command, setExitCode) => {
  program
    .command('redrive')
    .description('send dead letters again with their original bytes (one, or --all)')
    .argument('[delivery-id]', 'the delivery to redrive (see `hooklens deliveries --dead`)')
    .option('--all', 'redrive every dead letter, oldest first')
    .option('--json', 'one JSON delivery record per line')
    .option('--data-dir <dir>', 'where events and settings live')
    .action(async (id: string | undefined, flags: RedriveFlags) => {
      if (!id && !flags.all) throw new UsageError('give a delivery id or --all')
      if (id && flags.all) throw new UsageError('give a delivery id or --all, not both')
      const dir = cliDataDir(flags.dataDir, { mustExist: true })
      const store = await DeliveryStore.open({ dir, compact: false })
      // Records reference their event's bytes: read them from the event log.
      // Under the writer's retention, so every event `listen` keeps is found.
      const events = await openEventLogReader(dir)
      const forwarder = new Forwarder({ store, readBody: (eventId) => events.readBody(eventId) })
      try {
        let ids: string[]
        if (flags.all) {
          ids = store.list({ status: 'dead' }).map((d) => d.id)
          await forwarder.redriveAll()
        } else {
          const d = store.get(id!)
          if (!d) throw new CliFailure(`no delivery ${id}`)
          if (!(await forwarder.redrive(id!))) {
            throw new CliFailure(
              `delivery ${id} is ${d.status}: only dead or failed ones can be redriven`,
            )
          }
          ids = [id!]
        }
        if (ids.length === 0) process.stderr.write('no dead letters\n')
        await forwarder.idle()
        const results = ids.map((x) => store.get(x)!)
        for (const d of results) {
          process.stdout.write(flags.json ? `${JSON.stringify(d)}\n` : `${deliveryLine(d)}\n`)
        }
        setExitCode(results.every((d) => d.status === 'delivered') ? 0 : 1)
      } finally {
        await forwarder.stop()
        await store.close()
        await events.close()
      }
    })
}
