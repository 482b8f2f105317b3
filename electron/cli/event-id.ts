/**
 * Event ids as users type them: a full ULID (any case), `last` for the newest event, or a
 * unique prefix of at least 4 characters (like a short git hash). An ambiguous prefix is a
 * usage error that says how many events it matches.
 */
import { CliFailure, UsageError } from './errors'

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/
const PREFIX = /^[0-9A-HJKMNP-TV-Z]{4,25}$/

/** The full id the user meant, or a CliFailure (exit 1) naming what was not found. */
/** `ids`: every stored id, oldest first (asked only for `last` and prefixes). */
export function resolveEventId(typed: string, ids: () => string[], where: string): string {
  const id = typed.trim().toUpperCase()
  if (id === 'LAST') {
    const last = ids().at(-1)
    if (!last) throw new CliFailure(`no events in ${where}`)
    return last
  }
  if (ULID.test(id)) return id
  if (!PREFIX.test(id)) {
    throw new CliFailure(
      `no event ${typed} in ${where} (an id is 26 characters, a unique prefix of 4 or more, or "last")`,
    )
  }
  const matches = ids().filter((e) => e.startsWith(id))
  if (matches.length === 1) return matches[0]
  if (matches.length === 0) throw new CliFailure(`no event ${typed} in ${where}`)
  throw new UsageError(`"${typed}" matches ${matches.length} events: type more of the id`)
}
