/**
 * Whether to colour human-readable output: `--color` / `--no-color` win, then NO_COLOR and
 * FORCE_COLOR (as `events diff` reads them), else colour only on a terminal.
 */

export function colorFor(
  flag: boolean | undefined,
  out: NodeJS.WriteStream = process.stdout,
): boolean {
  if (flag !== undefined) return flag
  return wantsColor(out)
}

/** Colour only on a terminal; NO_COLOR or FORCE_COLOR=0 turn it off, FORCE_COLOR=1 turns it on. */
export function wantsColor(
  out: { isTTY?: boolean },
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  if (env.NO_COLOR) return false
  const force = env.FORCE_COLOR
  if (force === '0' || force === 'false') return false
  if (force) return true
  return Boolean(out.isTTY)
}
