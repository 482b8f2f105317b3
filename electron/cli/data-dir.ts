/**
 * The data dir a command works on, checked before anything opens it: a path that is a file is
 * a usage error (instead of a raw ENOTDIR later), and a read-only command given a folder that
 * does not exist says so (exit 2) instead of printing "no events" for a typo — and never
 * creates it. Only writers (`listen`, `secrets add`) create a missing data dir.
 */
import { statSync } from 'node:fs'
import { resolveDataDir } from '../core/settings/data-dir'
import { UsageError } from './errors'

export interface DataDirOptions {
  /** Read-only commands: a named folder (flag or HOOKLENS_DATA_DIR) must exist. */
  mustExist?: boolean
}

export function cliDataDir(
  flag: string | undefined,
  opts: DataDirOptions = {},
  env: NodeJS.ProcessEnv = process.env,
): string {
  const dir = resolveDataDir(flag, env)
  const from = flag ? '--data-dir' : env.HOOKLENS_DATA_DIR ? 'HOOKLENS_DATA_DIR' : null
  let isDir: boolean | null
  try {
    isDir = statSync(dir).isDirectory()
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (code === 'ENOTDIR')
      throw new UsageError(`data dir ${dir}${named(from)}: a parent is a file`)
    if (code !== 'ENOENT') throw err
    isDir = null
  }
  if (isDir === false) {
    throw new UsageError(`data dir ${dir}${named(from)} is a file, not a folder`)
  }
  // The OS default folder not existing yet only means nothing was stored; a folder the user
  // named and that is missing is most likely a typo.
  if (isDir === null && opts.mustExist && from) {
    throw new UsageError(
      `no data dir at ${dir}${named(from)}: check the path (\`hooklens listen --data-dir ${dir}\` creates it)`,
    )
  }
  return dir
}

function named(from: string | null): string {
  return from ? ` (from ${from})` : ''
}
