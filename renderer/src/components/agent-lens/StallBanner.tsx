/**
 * Stalled tasks pushed while the inspector is open, each one line that opens its last event,
 * and the A2A re-registrations done when the tunnel URL changed.
 */
import { useInspectorStore } from '../../store/context'
import { useLensApi, useReregistrations, useStalls } from './lens-api'
import './agent-lens.css'

export function StallBanner() {
  const store = useInspectorStore()
  const api = useLensApi()
  const [stalls, dismiss] = useStalls()
  const [notes, clearNotes] = useReregistrations()
  if (!api || stalls.length + notes.length === 0) return null
  return (
    <>
      {notes.map((n, i) => (
        <div key={i} className="lens-banner" role="status" data-testid="reregister-banner">
          <span>{n.message}</span>
          {i === notes.length - 1 && (
            <button className="link" onClick={clearNotes}>
              dismiss
            </button>
          )}
        </div>
      ))}
      {stalls.map((s) => (
        <div key={s.lastEventId} className="lens-banner" role="status" data-testid="stall-banner">
          <span>⚑ {s.message}</span>
          <button className="link" onClick={() => void store.getState().select(s.lastEventId)}>
            open
          </button>
          <button className="link" onClick={() => dismiss(s)}>
            dismiss
          </button>
        </div>
      ))}
    </>
  )
}
