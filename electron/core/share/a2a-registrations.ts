/**
 * What `share a2a` registered (from the CLI or the API), kept in `a2a-registrations.json` in
 * the data dir: agent, task, receiver path, protocol version, the agent's config id and the
 * verifier holding the token (never the token itself). The Agent lens reads it to check
 * that a notification's protocol and token header match the registration; the composition
 * root reads it to re-register when the tunnel URL changes. The CLI writes it while the app
 * runs, so reads notice a newer file by its mtime.
 */
import { randomUUID } from 'node:crypto'
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { A2ARegistrationView } from '../../../shared/api'

export const REGISTRATIONS_FILE = 'a2a-registrations.json'
const MAX_KEPT = 200

/** The contract's shape (shared/api.ts): the API lists registrations as they are kept. */
export type A2ARegistration = A2ARegistrationView

export class A2ARegistrations {
  private readonly file: string
  private cache: { stamp: string; list: A2ARegistration[]; checkedAt: number } | null = null

  /**
   * `recheckMs`: how long a read is trusted before the file is stat'ed again. The capture path
   * asks for every request (the lens's protocol check); `share a2a` in another process shows up
   * within that time, this process's own writes at once.
   */
  constructor(
    dataDir: string,
    private readonly recheckMs = 1000,
    private readonly now: () => number = Date.now,
  ) {
    this.file = join(dataDir, REGISTRATIONS_FILE)
  }

  list(): A2ARegistration[] {
    const now = this.now()
    if (this.cache && now - this.cache.checkedAt < this.recheckMs) return this.cache.list
    let stamp: string
    try {
      const st = statSync(this.file)
      stamp = `${st.mtimeMs}:${st.size}:${st.ino}`
    } catch {
      this.cache = { stamp: '', list: [], checkedAt: now }
      return []
    }
    if (this.cache?.stamp === stamp) {
      this.cache.checkedAt = now
      return this.cache.list
    }
    let list: A2ARegistration[] = []
    try {
      const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as unknown
      if (Array.isArray(parsed)) list = parsed.filter(isRegistration)
    } catch {
      list = [] // a torn or hand-broken file: treat as no registrations
    }
    this.cache = { stamp, list, checkedAt: now }
    return list
  }

  /** The latest registration for a receiver path, or null. */
  forPath(path: string): A2ARegistration | null {
    const list = this.list()
    for (let i = list.length - 1; i >= 0; i--) if (list[i].path === path) return list[i]
    return null
  }

  get(id: string): A2ARegistration | null {
    return this.list().find((r) => r.id === id) ?? null
  }

  /** Adds a registration; one for the same agent, task and path replaces the older one. */
  add(r: Omit<A2ARegistration, 'id' | 'registeredAt'> & { id?: string }): A2ARegistration {
    const full: A2ARegistration = {
      ...r,
      id: r.id ?? randomUUID(),
      registeredAt: new Date().toISOString(),
    }
    const rest = this.list().filter(
      (x) =>
        x.id !== full.id &&
        !(x.agentUrl === full.agentUrl && x.taskId === full.taskId && x.path === full.path),
    )
    this.write([...rest, full].slice(-MAX_KEPT))
    return full
  }

  remove(id: string): boolean {
    const list = this.list()
    const next = list.filter((r) => r.id !== id)
    if (next.length === list.length) return false
    this.write(next)
    return true
  }

  private write(list: A2ARegistration[]): void {
    const tmp = `${this.file}.${process.pid}.tmp`
    writeFileSync(tmp, JSON.stringify(list, null, 2) + '\n', { mode: 0o600 })
    renameSync(tmp, this.file)
    this.cache = null
  }
}

function isRegistration(v: unknown): v is A2ARegistration {
  const r = v as Partial<A2ARegistration> | null
  return (
    !!r &&
    typeof r.id === 'string' &&
    typeof r.path === 'string' &&
    typeof r.taskId === 'string' &&
    (r.protocol === '1.0' || r.protocol === '0.3')
  )
}
