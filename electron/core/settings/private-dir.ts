/**
 * The data dir is private to the user (issue 12.8): it holds secrets in clear (settings.json on
 * the CLI), every captured request, and the delivery log. Created 0700 with files 0600; a dir
 * made by an older version (0755 / 0644) is tightened on start, and that is said once.
 * No-op on Windows, where POSIX modes mean nothing.
 */
import { chmodSync, mkdirSync, readdirSync, statSync, type Dirent } from 'node:fs'
import { join } from 'node:path'

export const DIR_MODE = 0o700
export const FILE_MODE = 0o600

export interface PrivateDirResult {
  /** Paths whose permissions were tightened. */
  tightened: string[]
}

/** Creates `dir` 0700 if missing; tightens it and what it holds (one level down) if open to others. */
export function makePrivateDir(
  dir: string,
  opts: { logger?: { warn(message: string): void }; platform?: NodeJS.Platform } = {},
): PrivateDirResult {
  mkdirSync(dir, { recursive: true, mode: DIR_MODE })
  const tightened: string[] = []
  if ((opts.platform ?? process.platform) === 'win32') return { tightened }
  const tighten = (path: string, mode: number) => {
    try {
      const st = statSync(path)
      if ((st.mode & 0o077) === 0) return
      chmodSync(path, mode)
      tightened.push(path)
    } catch {
      // Vanished meanwhile, or not ours to change: nothing to tighten.
    }
  }
  tighten(dir, DIR_MODE)
  const walk = (at: string, depth: number) => {
    let entries: Dirent[]
    try {
      entries = readdirSync(at, { withFileTypes: true })
    } catch {
      return
    }
    for (const e of entries) {
      const path = join(at, e.name)
      if (e.isDirectory()) {
        tighten(path, DIR_MODE)
        if (depth > 0) walk(path, depth - 1)
      } else if (e.isFile()) tighten(path, FILE_MODE)
    }
  }
  walk(dir, 1)
  if (tightened.length > 0) {
    opts.logger?.warn(
      `data dir ${dir} was readable by other users: made ${tightened.length} item${tightened.length === 1 ? '' : 's'} private (dir 0700, files 0600)`,
    )
  }
  return { tightened }
}
