/** "Changes since the previous event of this subject" for the open event. */
import { useInspector, useInspectorStore } from '../store/context'
import { EventDiffView } from './DiffView'

export function ChangesPanel() {
  const store = useInspectorStore()
  const changes = useInspector((s) => s.detail.changes)
  const subject = useInspector((s) => s.detail.event?.classification.subject)
  if (changes === undefined) return <p className="dim">Loading…</p>
  if (!subject)
    return <p className="dim">This event has no subject (task, execution, object) to follow.</p>
  if (changes === null) {
    return (
      <p className="dim" data-testid="changes-none">
        First event of {subject}: nothing earlier to compare with.
      </p>
    )
  }
  return (
    <div data-testid="changes-panel">
      <p>
        Since the previous event of <code>{subject}</code>
        {changes.previousId && (
          <>
            {' '}
            (
            <button
              className="link mono"
              onClick={() => void store.getState().select(changes.previousId!)}
            >
              {changes.previousId}
            </button>
            )
          </>
        )}
      </p>
      <EventDiffView diff={changes.diff} />
    </div>
  )
}
