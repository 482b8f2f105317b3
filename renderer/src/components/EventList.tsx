/**
 * The live event list: virtualized (only the rows on screen exist in the DOM, so 50k events
 * cost what 40 do), with the cursor for j/k and the arrow keys, the selected row highlighted,
 * why an event failed verification in its row, and the event marked "A" for compare. The grid
 * is one focusable element (the cursor row is its active descendant), as in DevTools' Network
 * panel.
 */
import { useEffect, useRef } from 'react'
import { useVirtualizer } from '@tanstack/react-virtual'
import { useInspector, useInspectorStore } from '../store/context'
import type { EventSummary } from '../../../shared/event'
import { formatSize, formatTime } from '../lib/format'
import { IdempotencyBadge, StatusCode, VerificationBadge } from './Badges'
import { FindingsBadge } from './agent-lens/FindingsBadge'

const ROW_HEIGHT = 28
/** Verdicts whose reason is worth a glance in the row, as `listen` prints it. */
const SHOW_REASON = new Set(['invalid', 'missing'])

export function EventList() {
  const store = useInspectorStore()
  const visible = useInspector((s) => s.visible)
  const cursorId = useInspector((s) => s.cursorId)
  const selectedId = useInspector((s) => s.selectedId)
  const compareA = useInspector((s) => s.compareA)
  const searching = useInspector((s) => s.searching)
  const parentRef = useRef<HTMLDivElement>(null)

  const virtualizer = useVirtualizer({
    count: visible.length,
    getScrollElement: () => parentRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    getItemKey: (i) => visible[i].id,
  })

  // Newest first: keep the row being read in place as new ones land on top — the top visible
  // row when scrolled down, or the selected top row at the top. The row stays pinned until the
  // user scrolls: while the list is still too short to scroll, the browser clamps scrollTop,
  // so each update re-aims from the pinned row rather than adding a shift to a clamped value.
  const newestFirst = useInspector((s) => s.newestFirst)
  const topId = useRef<string | null>(null)
  const pinned = useRef<{ id: string; offset: number } | null>(null)
  const ourScrollTop = useRef(-1)
  useEffect(() => {
    const el = parentRef.current
    const prevTop = topId.current
    topId.current = visible[0]?.id ?? null
    if (!el || !newestFirst || !prevTop || visible[0]?.id === prevTop) return
    if (!pinned.current) {
      const reading = selectedId === prevTop || cursorId === prevTop
      if (el.scrollTop === 0 && !reading) return
      pinned.current = { id: prevTop, offset: -el.scrollTop }
    }
    const at = visible.findIndex((e) => e.id === pinned.current!.id)
    if (at < 0) {
      pinned.current = null
      return
    }
    el.scrollTop = at * ROW_HEIGHT - pinned.current.offset
    ourScrollTop.current = el.scrollTop
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only new rows move the view
  }, [visible, newestFirst])
  const onScroll = () => {
    const el = parentRef.current
    if (el && pinned.current && Math.abs(el.scrollTop - ourScrollTop.current) > 2) {
      pinned.current = null
    }
  }

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
        <span className="c-time">Time</span>
        <span className="c-method">Method</span>
        <span className="c-path">Path</span>
        <span className="c-platform">Platform · type</span>
        <span className="c-sig">Signature</span>
        <span className="c-repeat">Repeat</span>
        <span className="c-size num">Size</span>
        <span className="c-status num">Status</span>
      </div>
      <div
        className="list-scroll"
        ref={parentRef}
        role="grid"
        aria-label="Events: arrow keys or j/k move, Enter opens, ? lists the shortcuts"
        aria-rowcount={visible.length}
        aria-activedescendant={cursorId ? `row-${cursorId}` : undefined}
        tabIndex={0}
        onScroll={onScroll}
        data-testid="event-grid"
        onFocus={() => {
          if (!store.getState().cursorId) store.getState().moveCursor(0)
        }}
      >
        {visible.length === 0 && (
          <div className="list-empty" data-testid="list-empty">
            {searching ? 'Searching bodies…' : 'No event matches the filter.'}
          </div>
        )}
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
                markedA={e.id === compareA}
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
  markedA: boolean
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
      id={`row-${e.id}`}
      aria-selected={props.selected}
      style={{ transform: `translateY(${props.top}px)`, height: ROW_HEIGHT }}
      data-testid="event-row"
      data-event-id={e.id}
      onClick={props.onOpen}
    >
      <span className="c-time mono dim">
        {props.markedA && (
          <span className="tag a" title="Marked as A for compare" data-testid="row-mark-a">
            A
          </span>
        )}
        {formatTime(e.receivedAt)}
      </span>
      <span className={`c-method method m-${e.method.toLowerCase()}`}>{e.method}</span>
      <span className="c-path mono path" title={e.query ? `${e.path}?${e.query}` : e.path}>
        {e.path}
        {e.query && <span className="dim">?{e.query}</span>}
      </span>
      <span className="c-platform platform" title={c.subject ?? ''}>
        {c.platform !== 'unknown' && <span className={`plat p-${c.platform}`}>{c.platform}</span>}
        {c.eventType && <span className="dim"> {c.eventType}</span>}
      </span>
      <span className="c-sig" title={e.verification.reason}>
        <VerificationBadge e={e} />
        {SHOW_REASON.has(e.verification.status) && (
          <span className="why" data-testid="row-reason">
            {' '}
            {e.verification.reason}
          </span>
        )}
      </span>
      <span className="c-repeat">
        <IdempotencyBadge e={e} />
        <FindingsBadge e={e} />
      </span>
      <span className="c-size num dim">{formatSize(e.size)}</span>
      <span className="c-status num">
        <StatusCode status={e.response?.status} />
      </span>
    </div>
  )
}
