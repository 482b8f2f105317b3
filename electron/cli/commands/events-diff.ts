/**
 * `hooklens events diff A B [--json] [--data-dir DIR]`: what changed between two stored events
 * (request line, headers, body). Colour on a terminal, plain text when piped (NO_COLOR /
 * FORCE_COLOR respected), the EventDiff object with --json. Exit 0 whether or not they differ.
 */
import type { Command } from 'commander'
import type { EventDiff } from '../../../shared/diff'
import { openEventLogReader } from '../../core/store/open-reader'
import { CliFailure } from '../errors'
import { cliDataDir } from '../data-dir'
import { resolveEventId } from '../event-id'
import { wantsColor } from '../color'
import { safeColoredBlock, terminalJson } from '../terminal-text'

export interface EventsDiffOptions {
  a: string
  b: string
  json?: boolean
  dataDir?: string
}

export interface Output {
  write(s: string): void
  isTTY?: boolean
}

// colorFor's rule, kept importable from here for the diff's own callers.
export { wantsColor }

export async function loadEventDiff(opts: EventsDiffOptions): Promise<EventDiff> {
  const dir = cliDataDir(opts.dataDir, { mustExist: true })
  // Read-only: works while `hooklens listen` or the app holds the log.
  const store = await openEventLogReader(dir)
  try {
    const ids = [opts.a, opts.b].map((id) => resolveEventId(id, () => store.ids(), dir))
    const [a, b] = await Promise.all(ids.map((id) => store.getFull(id)))
    const missing = ids.filter((_, i) => !(i === 0 ? a : b))
    if (!a || !b) throw new CliFailure(`no event ${missing.join(' or ')} in ${dir}`)
    const { diffEvents } = await diffModule()
    return diffEvents(a, b)
  } finally {
    await store.close()
  }
}

export async function runEventsDiff(
  opts: EventsDiffOptions,
  out: Output = process.stdout,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  const d = await loadEventDiff(opts)
  const { formatEventDiff } = await diffModule()
  if (opts.json) out.write(terminalJson(JSON.stringify(d, null, 2)) + '\n')
  else out.write(safeColoredBlock(formatEventDiff(d, { color: wantsColor(out, env) })))
}

/**
 * The diff libraries (jsondiffpatch, diff) load when a diff is asked for: this module is
 * registered with every `events` command, and `events list` should not pay for them.
 */
function diffModule(): Promise<typeof import('../../../shared/diff')> {
  return import('../../../shared/diff')
}

export function registerEventsDiff(eventsCommand: Command): void {
  eventsCommand
    .command('diff')
    .description('show what changed between two stored events (request line, headers, body)')
    .argument('<a>', 'id of the earlier event')
    .argument('<b>', 'id of the later event')
    .option('--json', 'print the diff as JSON')
    .option('--data-dir <dir>', 'data directory (default: HOOKLENS_DATA_DIR or the app folder)')
    .action(async (a: string, b: string, _opts: unknown, cmd: Command) => {
      const flags = cmd.optsWithGlobals() as { json?: boolean; dataDir?: string }
      await runEventsDiff({ a, b, json: flags.json, dataDir: flags.dataDir })
    })
}
