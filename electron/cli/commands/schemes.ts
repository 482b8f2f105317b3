/**
 * `hooklens schemes [--json]`: the signature scheme ids `--secret`, `secrets add` and `verify
 * --scheme` accept, with the headers each is detected by and what it signs. Everything shown
 * is read from the verify registry's scheme objects, so the list cannot drift from what
 * verification actually does.
 */
import type { Command } from 'commander'
import { getScheme, SCHEME_IDS } from '../../core/verify/registry'
import type { Scheme } from '../../core/verify/types'

export interface SchemeInfo {
  id: string
  label: string
  headers: string[]
  signed: string
  timestampTolerance: number | null
  key: string
}

/** 'hmac' needs options to exist as a scheme object; it is described by what it takes. */
const GENERIC_HMAC: SchemeInfo = {
  id: 'hmac',
  label: 'Generic HMAC (configured with --option)',
  headers: ['--option header=NAME'],
  signed:
    'a template over {body} {timestamp} {id} {url} {method} (--option template=…, default {body})',
  timestampTolerance: null,
  key: '--option secretEncoding=utf8|base64|hex',
}

export function describeScheme(s: Scheme): SchemeInfo {
  return {
    id: s.id,
    label: s.label,
    headers: s.headers,
    signed: signedContent(s),
    timestampTolerance: s.tolerance ?? null,
    key: s.keyDescription,
  }
}

function signedContent(s: Scheme): string {
  if (s.token) return `nothing: a credential compared as sent${s.caveat ? ` (${s.caveat})` : ''}`
  const parts: string[] = []
  if (s.usesUrl) parts.push('the URL')
  if (s.tolerance !== undefined) parts.push('a timestamp')
  if (s.signsBody) parts.push('the raw body')
  const what = parts.length > 0 ? parts.join(' + ') : 'fields of the request'
  return s.caveat ? `${what} (${s.caveat})` : what
}

export function listSchemes(): SchemeInfo[] {
  return SCHEME_IDS.map((id) => (id === 'hmac' ? GENERIC_HMAC : describeScheme(getScheme(id))))
}

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
