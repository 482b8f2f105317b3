/**
 * Reading the delivery log as a stream of lines: start-up and refresh never hold the whole file
 * in one string (a log grown by an older version, or by a flood, must not stop Hooklens from
 * starting). Also upgrades records written before bodies were referenced instead of copied.
 */
import { sha256Hex } from '../verify/crypto'
import { createReadStream } from 'node:fs'
import { decodeBody } from '../store/body-encoding'
import type { Delivery, DeliveryRequest } from './types'

export type LogLine = { op: 'put'; d: Delivery } | { op: 'patch'; id: string; p: Partial<Delivery> }

export interface ReadResult {
  /** Bytes up to and including the last newline (what was folded in). */
  complete: number
  /** Bytes after it: a torn last line from a crash mid-append. */
  torn: number
}

/** Calls `onLine` for every complete, parseable line from `offset` on; unparseable lines are skipped. */
export async function readLogLines(
  file: string,
  offset: number,
  onLine: (line: LogLine, bytes: number) => void,
): Promise<ReadResult> {
  let pending: Buffer[] = []
  let pendingBytes = 0
  let complete = 0
  try {
    for await (const chunk of createReadStream(file, { start: offset, highWaterMark: 1 << 20 })) {
      let buf = chunk as Buffer
      let nl = buf.indexOf(0x0a)
      while (nl !== -1) {
        const piece = buf.subarray(0, nl)
        const lineBuf = pendingBytes ? Buffer.concat([...pending, piece]) : piece
        pending = []
        pendingBytes = 0
        complete += lineBuf.length + 1
        const parsed = parse(lineBuf)
        // An upgraded record no longer carries its copied body: measure what is kept.
        if (parsed)
          onLine(
            parsed.line,
            parsed.upgraded
              ? Buffer.byteLength(JSON.stringify(parsed.line)) + 1
              : lineBuf.length + 1,
          )
        buf = buf.subarray(nl + 1)
        nl = buf.indexOf(0x0a)
      }
      if (buf.length) {
        pending.push(Buffer.from(buf))
        pendingBytes += buf.length
      }
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
  }
  return { complete, torn: pendingBytes }
}

function parse(buf: Buffer): { line: LogLine; upgraded: boolean } | null {
  if (buf.length === 0) return null
  try {
    const line = JSON.parse(buf.toString('utf8')) as LogLine
    const before = line.op === 'put' ? line.d?.request : line.p?.request
    if (line.op === 'put' && line.d?.request)
      line.d.request = upgradeRequest(line.d.request, line.d)
    else if (line.op === 'patch' && line.p?.request)
      line.p.request = upgradeRequest(line.p.request, null)
    const after = line.op === 'put' ? line.d?.request : line.p?.request
    return { line, upgraded: before !== after }
  } catch {
    return null // a torn line from a crash mid-append
  }
}

/**
 * Records from before 12.1 copied the body: keep it only for a replay that edited it (its notes
 * say "body replaced"), else drop it and keep its digest — the event holds the bytes.
 */
function upgradeRequest(r: DeliveryRequest, d: Delivery | null): DeliveryRequest {
  if (r.bodySource || r.body === undefined) return r
  const bytes = decodeBody(r.body, r.bodyEncoding ?? 'utf8')
  const edited = Boolean(d?.notes?.some((n) => n.startsWith('body replaced')))
  const { body, bodyEncoding, ...rest } = r
  return {
    ...rest,
    size: bytes.length,
    sha256: sha256Hex(bytes),
    bodySource: edited ? 'edited' : 'event',
    ...(edited ? { body, bodyEncoding } : {}),
  }
}
