/**
 * `hooklens schemes [--json]`: the signature scheme ids `--secret`, `secrets add` and `verify
 * --scheme` accept, with the headers each is detected by and what it signs. Everything shown
 * is read from the verify registry's scheme objects, so the list cannot drift from what
 * verification actually does.
 */
import type { Command } from 'commander'
import { listSchemes } from '../../core/verify/scheme-info'

export function registerSchemes(program: Command): void {
  program
    .command('schemes')
    .description('list the signature scheme ids (for --secret, secrets add, verify --scheme)')
    .option('--json', 'one JSON object per scheme')
    .action((flags: { json?: boolean }) => {
      const list = listSchemes()
      if (flags.json) {
        process.stdout.write(list.map((s) => JSON.stringify(s)).join('\n') + '\n')
        return
      }
      const width = Math.max(...list.map((s) => s.id.length))
      const lines = list.map((s) => {
        const tolerance = s.timestampTolerance ? `, timestamp within ${s.timestampTolerance} s` : ''
        const headers = s.headers.length > 0 ? s.headers.join(', ') : '(signature in the body)'
        return [
          `${s.id.padEnd(width)}  ${s.label}`,
          `${''.padEnd(width)}  headers: ${headers}`,
          `${''.padEnd(width)}  signed:  ${s.signed}${tolerance}`,
          `${''.padEnd(width)}  key:     ${s.key}`,
        ].join('\n')
      })
      process.stdout.write(
        `${lines.join('\n')}\n\nauto (verifiers only): detect the scheme from the headers.\n`,
      )
    })
}
