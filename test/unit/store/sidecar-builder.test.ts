/**
 * A segment sidecar's text, built record by record as the writer appends (ids and places kept
 * as they are, hints serialised as they come), is exactly the straightforward serialisation of
 * the whole segment at once — for random ids, hints, shared values and updates, whether events
 * come as records (the loader) or as their parts (the append path).
 */
import { describe, expect, it } from 'vitest'
import {
  SidecarBuilder,
  type ReplayHint,
  type SidecarRecord,
} from '../../../electron/core/store/sidecar-builder'

const pick = <T>(xs: T[]): T => xs[Math.floor(Math.random() * xs.length)]
const text = () => pick(['a', 'évt', '"q"', 'x\\y', '😀', 'line\nbreak', ''])
const int = (n: number) => Math.floor(Math.random() * n)

function randomRecords(n: number): SidecarRecord[] {
  const out: SidecarRecord[] = []
  let offset = 0
  for (let i = 0; i < n; i++) {
    const id = `01ID${i}${text()}`
    if (i > 0 && int(5) === 0) {
      out.push({ update: `01ID${int(i)}`, patch: { warnings: [text()] } })
      continue
    }
    const hint: ReplayHint = {
      id,
      receivedAt: new Date(1_700_000_000_000 + i).toISOString(),
      sha256: `sha-${int(4)}`,
      idempotency: {
        key: int(2) ? id : `key-${text()}`,
        source: pick(['sha256', 'header:webhook-id']),
        status: pick(['first', 'duplicate']),
        firstId: int(2) ? id : `01ID${int(i + 1)}`,
        count: 1 + int(3),
        ...(int(3) === 0 ? { retry: { attempt: int(4), source: 'header' } } : {}),
      },
      ...(int(4)
        ? {
            classification: {
              platform: pick(['github', 'unknown']),
              eventType: text(),
              subject: null,
            },
          }
        : {}),
      ...(int(3) === 0
        ? { findings: [{ code: 'retry-storm', severity: 'warning', message: text() }] }
        : {}),
    } as ReplayHint
    const length = 100 + int(900)
    out.push({
      id,
      offset,
      length,
      metaLength: int(length),
      headersAt: int(length),
      headersLength: int(99),
      hint,
    })
    offset += length + 1
  }
  return out
}

/** The whole segment serialised at once, the plain way. */
function reference(records: SidecarRecord[], size: number, seq?: number): string {
  const ids: string[] = []
  const pos: number[] = []
  const upd: unknown[] = []
  const shared: string[] = []
  const at: unknown[] = []
  const share = (v: unknown) => {
    const json = JSON.stringify(v)
    const i = shared.indexOf(json)
    return i >= 0 ? i : shared.push(json) - 1
  }
  for (const r of records) {
    if ('update' in r) {
      upd.push([r.update, r.patch])
      continue
    }
    const h = r.hint!
    ids.push(r.id)
    pos.push(r.offset, r.length, r.metaLength, r.headersAt, r.headersLength)
    const { key, firstId, ...rest } = h.idempotency
    const restAt = share(rest)
    at.push([
      h.receivedAt,
      h.sha256,
      key === r.id ? 0 : key,
      firstId === r.id ? 0 : firstId,
      restAt,
      h.classification ? share(h.classification) : -1,
      h.findings ?? 0,
    ])
  }
  const places = `${JSON.stringify({ ids, pos, upd })}\n`
  const head = { v: 1, size, events: ids.length, places: Buffer.byteLength(places), seq }
  return `${JSON.stringify(head)}\n${places}{"shared":[${shared.join(',')}],"at":${JSON.stringify(at)}}\n`
}

describe('SidecarBuilder', () => {
  it('gives the straightforward serialisation of the whole segment', () => {
    for (let round = 0; round < 50; round++) {
      const records = randomRecords(1 + int(200))
      const viaRecords = new SidecarBuilder()
      const viaParts = new SidecarBuilder()
      for (const r of records) {
        viaRecords.add(r)
        if ('update' in r) viaParts.add(r)
        else {
          const { id, offset, length, metaLength, headersAt, headersLength, hint } = r
          viaParts.addEvent(id, offset, length, metaLength, headersAt, headersLength, hint!)
        }
      }
      const seq = round % 2 ? round : undefined
      const expected = reference(records, 4096 + round, seq)
      expect(viaRecords.text(4096 + round, seq)).toBe(expected)
      expect(viaParts.text(4096 + round, seq)).toBe(expected)
    }
  })

  it('writes no sidecar once an event came without its hint', () => {
    const b = new SidecarBuilder()
    const [r] = randomRecords(1)
    b.add({ ...r, hint: null } as SidecarRecord)
    expect(b.text(10)).toBeNull()
  })
})
