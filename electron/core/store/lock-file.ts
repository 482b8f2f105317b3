/**
 * A pid lock file so that only one process writes a data dir's event log at a time: a second
 * `hooklens listen` (or the desktop app) on the same dir gets a clear error instead of two
 * writers interleaving lines. A lock left by a dead process is taken over.
 */
import { open, readFile, unlink } from 'node:fs/promises'

export interface Lock {
  release(): Promise<void>
}

export class DataDirLockedError extends Error {
  constructor(
    readonly file: string,
    readonly pid: number,
  ) {
    super(
      `another Hooklens process (pid ${pid}) is using this data dir; stop it or pass a different --data-dir`,
    )
  }
}

export async function acquireLock(file: string): Promise<Lock> {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const h = await open(file, 'wx')
      await h.writeFile(String(process.pid))
      await h.close()
      return { release: () => unlink(file).catch(() => undefined) }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
      const pid = Number((await readFile(file, 'utf8').catch(() => '')).trim())
      if (pid && isAlive(pid)) throw new DataDirLockedError(file, pid)
      await unlink(file).catch(() => undefined)
    }
  }
  throw new Error(`could not lock ${file}`)
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}
