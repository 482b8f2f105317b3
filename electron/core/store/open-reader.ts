/**
 * Opens a data dir's event log read-only with the retention the writer uses (settings.json's
 * `retention`), so `events list/show`, `verify ID`, `replay` and `events diff` see exactly the
 * events `listen` or the desktop app keeps — not the built-in defaults. Reads the settings file
 * directly (no settings store, no watcher, nothing written): a reader must not disturb anything.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { validateSettings } from '../settings/validate-settings'
import { EventStore } from './event-store'

export async function readRetention(dir: string): Promise<{ maxEvents: number; maxBytes: number }> {
  let raw: unknown = {}
  try {
    raw = JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8'))
  } catch {
    // Missing or unreadable: the writer falls back to the defaults too.
  }
  return validateSettings(raw).settings.retention
}

export async function openEventLogReader(dir: string): Promise<EventStore> {
  return EventStore.open({ dir, readOnly: true, ...(await readRetention(dir)) })
}
