/**
 * The live event list: virtualized (only the rows on screen exist in the DOM, so 50k events
 * cost what 40 do), with the cursor for j/k and the selected row highlighted.
 */
import { useEffect, useRef } from 'react'
import { useVirtualizer } from '@tanstack/react-virtual'
import { useInspector, useInspectorStore } from '../store/context'
import type { EventSummary } from '../../../shared/event'
import { formatSize, formatTime } from '../lib/format'
import { IdempotencyBadge, StatusCode, VerificationBadge } from './Badges'
import { FindingsBadge } from './agent-lens/FindingsBadge'

const ROW_HEIGHT = 28

export function EventList() {
  const store = useInspectorStore()
  const visible = useInspector((s) => s.visible)
  const cursorId = useInspector((s) => s.cursorId)
  const selectedId = useInspector((s) => s.selectedId)
  const parentRef = useRef<HTMLDivElement>(null)

  const virtualizer = useVirtualizer({
    count: visible.length,
    getScrollElement: () => parentRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    getItemKey: (i) => visible[i].id,
  })

  // Newest first and scrolled down: keep the rows being read in place as new ones land on top.
  const newestFirst = useInspector((s) => s.newestFirst)
  const topId = useRef<string | null>(null)
  useEffect(() => {
    const el = parentRef.current
    const prevTop = topId.current
    topId.current = visible[0]?.id ?? null
    if (!el || !newestFirst || !prevTop || el.scrollTop === 0 || visible[0]?.id === prevTop) return
    const shift = visible.findIndex((e) => e.id === prevTop)
    if (shift > 0) el.scrollTop += shift * ROW_HEIGHT
  }, [visible, newestFirst])

  // Follow the cursor when it moves (j/k), not when new rows arrive: a user reading older
  // rows must not be yanked back by every webhook.
  const followed = useRef<string | null>(null)
  useEffect(() => {
    if (!cursorId || followed.current === cursorId) return
    followed.current = cursorId
    const at = visible.findIndex((e) => e.id === cursorId)
    if (at >= 0) virtualizer.scrollToIndex(at, { align: 'auto' })
  }, [cursorId, visible, virtualizer])

  return (
    <div className="list" data-testid="event-list">
      <div className="row head" role="row">
        <span>Time</span>
        <span>Method</span>
        <span>Path</span>
        <span>Platform · type</span>
        <span>Signature</span>
        <span>Repeat</span>
        <span className="num">Size</span>
        <span className="num">Status</span>
      </div>
      <div className="list-scroll" ref={parentRef} role="grid" aria-rowcount={visible.length}>
        {visible.length === 0 && <div className="list-empty">No event matches the filter.</div>}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const e = visible[item.index]
            return (
              <Row
                key={item.key}
                e={e}
                top={item.start}
                cursor={e.id === cursorId}
                selected={e.id === selectedId}
                onOpen={() => void store.getState().select(e.id)}
              />
            )
          })}
        </div>
      </div>
    </div>
  )
}

function Row(props: {
  e: EventSummary
  top: number
  cursor: boolean
  selected: boolean
  onOpen: () => void
}) {
  const { e } = props
  const c = e.classification
  const cls = [
    'row',
    props.selected && 'selected',
    props.cursor && 'cursor',
    e.rejected && 'rejected',
  ]
    .filter(Boolean)
    .join(' ')
  return (
    <div
      className={cls}
      role="row"
      style={{ transform: `translateY(${props.top}px)`, height: ROW_HEIGHT }}
      data-testid="event-row"
      data-event-id={e.id}
      onClick={props.onOpen}
    >
      <span className="mono dim">{formatTime(e.receivedAt)}</span>
      <span className={`method m-${e.method.toLowerCase()}`}>{e.method}</span>
      <span className="mono path" title={e.query ? `${e.path}?${e.query}` : e.path}>
        {e.path}
        {e.query && <span className="dim">?{e.query}</span>}
      </span>
      <span className="platform" title={c.subject ?? ''}>
        {c.platform !== 'unknown' && <span className={`plat p-${c.platform}`}>{c.platform}</span>}
        {c.eventType && <span className="dim"> {c.eventType}</span>}
      </span>
      <span>
        <VerificationBadge e={e} />
      </span>
      <span>
        <IdempotencyBadge e={e} />
        <FindingsBadge e={e} />
      </span>
      <span className="num dim">{formatSize(e.size)}</span>
      <span className="num">
        <StatusCode status={e.response?.status} />
      </span>
    </div>
  )
}
