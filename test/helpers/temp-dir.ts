/**
 * Temporary folders for tests (data dirs, static roots, vectors): a fresh folder under the OS
 * temp dir per call, and its removal. Every test that needs one goes through here, so the
 * prefix convention and the forced recursive removal live in one place.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A fresh empty folder; its name starts with `prefix`. */
export function makeTempDir(prefix = 'hooklens-test-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix))
}

/** For module-level setup, where there is no await. */
export function makeTempDirSync(prefix = 'hooklens-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix))
}

/** Removes a folder and everything in it; a folder already gone is fine. */
export function removeTempDir(dir: string): Promise<void> {
  return rm(dir, { recursive: true, force: true })
}

export function removeTempDirSync(dir: string): void {
  rmSync(dir, { recursive: true, force: true })
}

/** A fresh folder with its cleanup, for tests that keep the two together. */
export async function tempDir(
  prefix = 'hooklens-test-',
): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await makeTempDir(prefix)
  return { dir, cleanup: () => removeTempDir(dir) }
}
