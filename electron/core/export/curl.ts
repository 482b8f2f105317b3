/**
 * cURL commands that resend captured events with the same method, headers and body bytes.
 * Text bodies are single-quoted for POSIX shells and passed with `--data-raw`, which never
 * interprets them (`--data-binary '@/etc/passwd'` would have made curl send a local file —
 * issue 12.5); binary bodies, and text a shell argument cannot carry (NUL), go through
 * `base64 -d` on stdin so the bytes survive copy and paste.
 */
import type { CapturedEvent } from '../../../shared/event'
import { eventUrl, type ExportOptions } from './url'

/** Headers curl computes itself; copying them would break a resend to another host. */
const SKIPPED = new Set(['host', 'content-length', 'connection', 'transfer-encoding'])

export function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`
}

export function toCurl(e: CapturedEvent, opts: ExportOptions = {}): string {
  const parts = [`curl -X ${e.method} ${shellQuote(eventUrl(e, opts))}`]
  for (const [name, value] of e.headers) {
    if (SKIPPED.has(name.toLowerCase())) continue
    parts.push(`-H ${shellQuote(`${name}: ${value}`)}`)
  }
  const hasBody = e.body.length > 0
  if (!hasBody) return parts.join(' \\\n  ')
  if (e.bodyEncoding === 'base64' || e.body.includes('\0')) {
    const b64 = e.bodyEncoding === 'base64' ? e.body : Buffer.from(e.body).toString('base64')
    // `@-` is curl's stdin, fixed text here — never the sender's bytes.
    parts.push('--data-binary @-')
    return `printf '%s' ${shellQuote(b64)} | base64 -d | ${parts.join(' \\\n  ')}`
  }
  parts.push(`--data-raw ${shellQuote(e.body)}`)
  return parts.join(' \\\n  ')
}

export function toCurlScript(events: CapturedEvent[], opts: ExportOptions = {}): string {
  const lines = ['#!/bin/sh', '# Captured by Hooklens: one command per event, oldest first.']
  for (const e of events)
    lines.push('', `# ${e.id} ${e.receivedAt} ${e.method} ${e.path}`, toCurl(e, opts))
  return `${lines.join('\n')}\n`
}
