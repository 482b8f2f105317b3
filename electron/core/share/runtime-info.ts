/**
 * `runtime.json` in the data dir: what a running `hooklens listen` (or the desktop app)
 * tells other processes — receiver port, public URL — so `hooklens share` can register the
 * live public URL. The running Hooklens writes it (electron/core/hooklens) on start and on
 * every tunnel change and removes it on exit; this module reads it (a file whose pid is dead
 * is ignored) and can write one atomically. Holds no verifier secrets; it does hold the
 * control API's per-run token (for `hooklens mcp`), which is why the file is 0600 in the
 * user's 0700 data dir — the same protection as the settings file beside it.
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { TunnelStatus } from '../../../shared/api'

export const RUNTIME_FILE = 'runtime.json'

export interface RuntimeInfo {
  pid: number
  startedAt: string
  receiverUrl: string
  receiverPort: number
  /** The tunnel URL when online, else null. */
  publicUrl: string | null
  /** Optional: the full tunnel status, so readers can say why there is no public URL. */
  tunnel?: TunnelStatus | null
  uiUrl?: string | null
  /**
   * The control API (loopback HTTP + SSE) of the running instance, when it serves one: its
   * origin and per-run bearer token, so a local client such as `hooklens mcp` can call it.
   */
  control?: { url: string; token: string } | null
}

export function writeRuntimeInfo(dataDir: string, info: RuntimeInfo): void {
  const file = join(dataDir, RUNTIME_FILE)
  const tmp = `${file}.${process.pid}.tmp`
  writeFileSync(tmp, JSON.stringify(info, null, 2) + '\n', { mode: 0o600 })
  renameSync(tmp, file)
}

/** Removes the file when it is ours (another instance may have taken over). */
export function removeRuntimeInfo(dataDir: string, pid = process.pid): void {
  const current = readRaw(dataDir)
  if (current && current !== 'torn' && current.pid !== pid) return
  rmSync(join(dataDir, RUNTIME_FILE), { force: true })
}

/**
 * The running instance's info, or null when none runs (missing, unreadable or stale file).
 * A file caught mid-rewrite (empty or cut short) is read again a few times first.
 */
export function readRuntimeInfo(dataDir: string): RuntimeInfo | null {
  for (let attempt = 0; ; attempt++) {
    const read = readRaw(dataDir)
    if (read !== 'torn' || attempt >= 4) {
      return read && read !== 'torn' && isAlive(read.pid) ? read : null
    }
    // Synchronous on purpose (callers are plain CLI code): the writer needs a moment.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 25)
  }
}

function readRaw(dataDir: string): RuntimeInfo | null | 'torn' {
  let text: string
  try {
    text = readFileSync(join(dataDir, RUNTIME_FILE), 'utf8')
  } catch {
    return null
  }
  try {
    const parsed = JSON.parse(text) as RuntimeInfo
    return typeof parsed?.pid === 'number' ? parsed : null
  } catch {
    return 'torn'
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    // EPERM: alive but owned by someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}
