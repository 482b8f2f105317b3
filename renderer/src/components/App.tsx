/** The inspector's frame: toolbar, the current view, the status bar, keyboard shortcuts. */
import { lazy, Suspense, useEffect, useState } from 'react'
import { useInspector, useInspectorStore } from '../store/context'
import type { View } from '../store/inspector-store'
import { Toolbar } from './Toolbar'
import { EventList } from './EventList'
import { EventDetail } from './EventDetail'
import { EmptyState } from './EmptyState'
// Views off the first screen load on demand, keeping the first paint's script small.
const ComparePanel = lazy(() => import('./ComparePanel').then((m) => ({ default: m.ComparePanel })))
const DeliveriesView = lazy(() =>
  import('./DeliveriesView').then((m) => ({ default: m.DeliveriesView })),
)
const SettingsView = lazy(() => import('./SettingsView').then((m) => ({ default: m.SettingsView })))
import { StatusBar } from './StatusBar'
import { ShareA2AButton } from './agent-lens/ShareA2ADialog'
import { StallBanner } from './agent-lens/StallBanner'
import { ShortcutHelp } from './ShortcutHelp'

const TABS: [View, string][] = [
  ['events', 'Events'],
  ['compare', 'Compare'],
  ['deliveries', 'Deliveries'],
  ['settings', 'Settings'],
]

/** Arrow keys move rows from the list (or nowhere in particular), but still scroll the detail. */
function arrowsMoveRows(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null
  if (!el || el === document.body || el === document.documentElement) return true
  return Boolean(el.closest('[data-testid="event-list"]'))
}

function isButton(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null
  return el?.tagName === 'BUTTON' || el?.tagName === 'A'
}

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null
  if (!el) return false
  return (
    el.tagName === 'INPUT' ||
    el.tagName === 'TEXTAREA' ||
    el.tagName === 'SELECT' ||
    el.isContentEditable
  )
}

export function App() {
  const store = useInspectorStore()
  const view = useInspector((s) => s.view)
  const ready = useInspector((s) => s.ready)
  const empty = useInspector((s) => s.events.length === 0)
  const selectedId = useInspector((s) => s.selectedId)
  const notice = useInspector((s) => s.notice)
  const error = useInspector((s) => s.error)

  const [help, setHelp] = useState(false)
  useEffect(() => {
    const onKey = (ev: KeyboardEvent) => {
      if (isTyping(ev.target) || ev.metaKey || ev.ctrlKey || ev.altKey) return
      const s = store.getState()
      if (ev.key === '?') {
        setHelp((h) => !h)
      } else if (ev.key === 'Escape' && document.querySelector('[data-testid="shortcut-help"]')) {
        setHelp(false)
      } else if (s.view !== 'events') {
        return
      } else if (ev.key === 'j' || (ev.key === 'ArrowDown' && arrowsMoveRows(ev.target))) {
        s.moveCursor(1)
      } else if (ev.key === 'k' || (ev.key === 'ArrowUp' && arrowsMoveRows(ev.target))) {
        s.moveCursor(-1)
      } else if (ev.key === 'Home' && arrowsMoveRows(ev.target)) {
        s.moveCursor(-Infinity)
      } else if (ev.key === 'End' && arrowsMoveRows(ev.target)) {
        s.moveCursor(Infinity)
      } else if (ev.key === 'Enter' && !isButton(ev.target)) {
        s.openCursor()
      } else if (ev.key === 'Escape') {
        s.closeDetail()
      } else if (ev.key === '/') {
        document.querySelector<HTMLInputElement>('[data-testid="filter-input"]')?.focus()
      } else return
      ev.preventDefault()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [store])

  return (
    <div className="app">
      <header className="topbar">
        <span className="brand">Hooklens</span>
        <nav className="tabs" role="tablist">
          {TABS.map(([id, label]) => (
            <button
              key={id}
              role="tab"
              aria-selected={view === id}
              className={view === id ? 'tab active' : 'tab'}
              data-testid={`nav-${id}`}
              onClick={() => store.getState().setView(id)}
            >
              {label}
            </button>
          ))}
        </nav>
        {view === 'events' && <Toolbar />}
        <ShareA2AButton />
      </header>
      <StallBanner />
      {(notice || error) && (
        <div className="notice" data-testid="notice" role="status">
          <span>{error ?? notice}</span>
          <button className="link" onClick={() => store.setState({ notice: null, error: null })}>
            dismiss
          </button>
        </div>
      )}
      <main className="main">
        {view === 'events' &&
          (ready && empty ? (
            <EmptyState />
          ) : (
            <div className={selectedId ? 'split' : 'split single'}>
              <EventList />
              {selectedId && <EventDetail />}
            </div>
          ))}
        <Suspense fallback={<div className="page dim">Loading…</div>}>
          {view === 'compare' && <ComparePanel />}
          {view === 'deliveries' && <DeliveriesView />}
          {view === 'settings' && <SettingsView />}
        </Suspense>
      </main>
      <StatusBar />
      {help && <ShortcutHelp onClose={() => setHelp(false)} />}
    </div>
  )
}
