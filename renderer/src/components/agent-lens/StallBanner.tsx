/** Stalled tasks pushed while the inspector is open, each one line that opens its last event. */
import { useInspectorStore } from '../../store/context'
import { useLensApi, useStalls } from './lens-api'
import './agent-lens.css'

export function StallBanner() {
  const store = useInspectorStore()
  const api = useLensApi()
  const [stalls, dismiss] = useStalls()
  if (!api || stalls.length === 0) return null
  return (
    <>
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
