/** The `?` overlay: every keyboard shortcut of the inspector, in one place. */
import { useEffect, useRef } from 'react'

const SHORTCUTS: [string, string][] = [
  ['↓ / j', 'next event (the open detail follows)'],
  ['↑ / k', 'previous event'],
  ['Home / End', 'first / last event'],
  ['Enter', 'open the event under the cursor'],
  ['Esc', 'close the detail (or this help)'],
  ['/', 'focus the filter'],
  ['Tab', 'reach the event list; arrows then move through it'],
  ['?', 'show or hide this help'],
]

export function ShortcutHelp({ onClose }: { onClose: () => void }) {
  const closeRef = useRef<HTMLButtonElement>(null)
  useEffect(() => closeRef.current?.focus(), [])
  return (
    <div className="overlay" role="dialog" aria-label="Keyboard shortcuts" onClick={onClose}>
      <div className="panel help" data-testid="shortcut-help" onClick={(e) => e.stopPropagation()}>
        <h3>Keyboard shortcuts</h3>
        <table className="kv">
          <tbody>
            {SHORTCUTS.map(([k, what]) => (
              <tr key={k}>
                <th>
                  <kbd>{k}</kbd>
                </th>
                <td>{what}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <button ref={closeRef} onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  )
}
