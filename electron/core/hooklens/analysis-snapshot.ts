/**
 * The analysis snapshot: the duplicate index and the Agent lens state that start-up would rebuild
 * by replaying every stored event (`Analyzers.replayIdempotency`), written at a clean stop beside
 * the newest segment's index (segment-head.idx) and read at the next start instead of the replay.
 * Same rules as that index: start-up takes the file away before anything is appended, so after a
 * crash there is none; one whose stamp (EventStore.stamp: segments, count, oldest and newest id)
 * is not the store's, or that is damaged, is ignored and the events are replayed as before.
 *
 * Layout (text, one record a line, fields by snapshot-fields.ts): a header line with the version
 * and the stamp, the analyzers' sections (`#name` lines), and `#end` (a cut-off file lacks it).
 */
import { readFileSync, unlinkSync } from 'node:fs'
import { rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { SnapshotReader } from '../inspect/snapshot-fields'
import type { DigestOf } from '../inspect/idempotency-index'
import type { Analyzers } from './analyzers'

export const ANALYSIS_SNAPSHOT = 'analysis-snapshot.txt'
const HEADER = 'hooklens-analysis-snapshot 1'

/** The snapshot left by the last clean stop, removed from disk; null when there is none. */
export function takeSnapshot(dataDir: string): string | null {
  const file = join(dataDir, ANALYSIS_SNAPSHOT)
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    return null
  }
  // Removed before the first append of this run: a crash later must not leave it behind.
  unlinkSync(file)
  return text
}

/**
 * Loads the snapshot into the analyzers when it belongs to the store as it is now (`stamp`);
 * false (analyzers left empty) when it does not or is damaged: the caller replays instead.
 */
export function applySnapshot(
  text: string,
  stamp: string,
  analyzers: Analyzers,
  digestOf: DigestOf,
): boolean {
  if (!analyzers.importSnapshot) return false
  if (!text.startsWith(`${HEADER}\t${stamp}\n`) || !text.endsWith('\n#end\n')) return false
  try {
    analyzers.importSnapshot(new SnapshotReader(text), digestOf)
    return true
  } catch {
    analyzers.clearIdempotency()
    return false
  }
}

/** Writes the snapshot (atomically: a temporary file renamed over), private to the user. */
export async function saveSnapshot(
  dataDir: string,
  stamp: string,
  analyzers: Analyzers,
  kept: (id: string) => boolean,
): Promise<void> {
  if (!analyzers.exportSnapshot) return
  const lines = [`${HEADER}\t${stamp}`, ...analyzers.exportSnapshot(kept), '#end', '']
  const file = join(dataDir, ANALYSIS_SNAPSHOT)
  await writeFile(`${file}.tmp`, lines.join('\n'), { mode: 0o600 })
  await rename(`${file}.tmp`, file)
}
