/**
 * Compare's side-by-side body view: pretty-printed A and B with changed lines marked, rows
 * virtualised (a 2 MB JSON body pretty-prints to ~100k lines). Bodies past SIDE_BY_SIDE_CAP are
 * not line-diffed at all — the diff itself would block the page — and the caller shows the
 * structural diff with a notice instead.
 */
import { useMemo, useRef } from 'react'
import { diffLines } from 'diff'
import { useVirtualizer } from '@tanstack/react-virtual'
import type { CapturedEvent } from '../../../shared/event'
import { bodyText, tryParseJson } from '../lib/format'

/** Largest body (each side, bytes) that is line-diffed in the page. */
export const SIDE_BY_SIDE_CAP = 256 * 1024
const ROW = 18

export function tooLargeForSideBySide(a: CapturedEvent | null, b: CapturedEvent | null): boolean {
  return (a?.size ?? 0) > SIDE_BY_SIDE_CAP || (b?.size ?? 0) > SIDE_BY_SIDE_CAP
}

function pretty(e: CapturedEvent | null): string {
  if (!e) return ''
  const text = bodyText(e.body, e.bodyEncoding)
  if (text === null) return `(binary, ${e.size} bytes)`
  const json = tryParseJson(text)
  return json.ok ? JSON.stringify(json.value, null, 2) : text
}

type Kind = 'same' | 'del' | 'add' | 'blank'
type Cell = { text: string; kind: Kind }

export function sideBySideRows(a: string, b: string): [Cell, Cell][] {
  const rows: [Cell, Cell][] = []
  const parts = diffLines(a, b)
  const split = (v: string) => v.replace(/\n$/, '').split('\n')
  const blank: Cell = { text: '', kind: 'blank' }
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]
    if (!p.added && !p.removed) {
      for (const l of split(p.value))
        rows.push([
          { text: l, kind: 'same' },
          { text: l, kind: 'same' },
        ])
    } else if (p.removed) {
      const left = split(p.value)
      const next = parts[i + 1]
      const right = next?.added ? split(next.value) : []
      if (next?.added) i++
      for (let j = 0; j < Math.max(left.length, right.length); j++) {
        rows.push([
          j < left.length ? { text: left[j], kind: 'del' } : blank,
          j < right.length ? { text: right[j], kind: 'add' } : blank,
        ])
      }
    } else {
      for (const l of split(p.value)) rows.push([blank, { text: l, kind: 'add' }])
    }
  }
  return rows
}

export function SideBySide({ a, b }: { a: CapturedEvent | null; b: CapturedEvent | null }) {
  const rows = useMemo(() => sideBySideRows(pretty(a), pretty(b)), [a, b])
  const parentRef = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => parentRef.current,
    estimateSize: () => ROW,
    overscan: 20,
  })
  return (
    <div className="side-by-side mono" data-testid="side-by-side" data-rows={rows.length}>
      <div className="sbs-head">
        <span>
          <span className="tag a">A</span> before
        </span>
        <span>
          <span className="tag b">B</span> after
        </span>
      </div>
      <div className="sbs-scroll" ref={parentRef}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const [l, r] = rows[item.index]
            return (
              <div
                key={item.index}
                className="sbs-row"
                data-testid="sbs-row"
                style={{ transform: `translateY(${item.start}px)`, height: ROW }}
              >
                <span className={`s-${l.kind}`}>{l.text}</span>
                <span className={`s-${r.kind}`}>{r.text}</span>
              </div>
            )
          })}
        </div>
      </div>
    </div>
  )
}
