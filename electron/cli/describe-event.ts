/**
 * The readable form of one stored event for `hooklens events show`: summary line, request
 * line and headers, the derived fields, then the body — decoded when the sender compressed it
 * (gzip, deflate, br), with every control character escaped (see terminal-text.ts).
 */
import { headerValue, type CapturedEvent } from '../../shared/event'
import { decodeBodyView } from '../core/receiver/decoded-body'
import { summaryLine } from './format-event'
import { formatSize } from './parse'
import { safeBlock, safeLine } from './terminal-text'

export async function describeEvent(e: CapturedEvent, bytes: Buffer): Promise<string> {
  const v = e.verification
  const c = e.classification
  const lines = [
    summaryLine(e),
    '',
    safeLine(`${e.method} ${e.query ? `${e.path}?${e.query}` : e.path}`),
    ...e.headers.map(([k, val]) => safeLine(`${k}: ${val}`)),
    '',
    safeLine(`verification: ${v.status}${v.scheme ? ` (${v.scheme})` : ''} — ${v.reason}`),
    safeLine(
      `idempotency:  ${e.idempotency.status} key ${e.idempotency.key} from ${e.idempotency.source} (${e.idempotency.count} seen, first ${e.idempotency.firstId})`,
    ),
    safeLine(
      `platform:     ${c.platform}${c.eventType ? ` ${c.eventType}` : ''}${c.subject ? ` about ${c.subject}` : ''}`,
    ),
    ...(e.findings ?? []).map((f) =>
      safeLine(`finding:      ${f.severity} ${f.code} — ${f.message}`),
    ),
    `answered:     ${e.response.status} in ${e.response.latencyMs} ms`,
    ...(await bodyLines(e, bytes)),
    '',
  ]
  return lines.join('\n')
}

async function bodyLines(e: CapturedEvent, bytes: Buffer): Promise<string[]> {
  const head = `body:         ${e.size} bytes, sha256 ${e.sha256}`
  const encoding = headerValue(e.headers, 'content-encoding')
  if (encoding && bytes.length > 0) {
    const d = await decodeBodyView(bytes, encoding)
    if (d.encoding !== 'identity' && !d.error && !d.bomb) {
      const note = `${d.encoding}, ${formatSize(d.size)} decoded${d.truncated ? ', cut at the decode cap' : ''}`
      return [
        `${head} (${safeLine(note)}${d.bodyEncoding === 'base64' ? '; binary, shown as base64' : ''})`,
        '',
        safeBlock(d.body),
      ]
    }
    if (d.error || d.bomb) {
      const why = d.bomb ? 'inflates like a decompression bomb' : d.error
      return [
        `${head} (${safeLine(`${d.encoding}: ${why}`)}; stored bytes shown as base64)`,
        '',
        bytes.toString('base64'),
      ]
    }
  }
  return [
    `${head}${e.bodyEncoding === 'base64' ? ' (binary, shown as base64)' : ''}`,
    '',
    safeBlock(e.body),
  ]
}
