/**
 * Whether to colour human-readable output: `--color` / `--no-color` win, then NO_COLOR and
 * FORCE_COLOR (as `events diff` reads them), else colour only on a terminal.
 */
import { wantsColor } from './commands/events-diff'

export function colorFor(
  flag: boolean | undefined,
  out: NodeJS.WriteStream = process.stdout,
): boolean {
  if (flag !== undefined) return flag
  return wantsColor(out)
}
