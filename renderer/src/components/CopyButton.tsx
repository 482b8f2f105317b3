/** A small "Copy" button for one value (a header, a body), reporting through the notice bar. */
import { useInspectorStore } from '../store/context'
import { copyText } from '../lib/browser'

export function CopyButton(props: { text: string; what: string; testId?: string }) {
  const store = useInspectorStore()
  return (
    <button
      className="small copy"
      title={`Copy ${props.what}`}
      data-testid={props.testId ?? 'copy-value'}
      onClick={async (ev) => {
        ev.stopPropagation()
        const ok = await copyText(props.text)
        store.getState().notify(ok ? `Copied ${props.what}.` : 'Could not copy to the clipboard.')
      }}
    >
      Copy
    </button>
  )
}
